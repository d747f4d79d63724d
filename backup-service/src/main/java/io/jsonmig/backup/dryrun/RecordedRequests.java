package io.jsonmig.backup.dryrun;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.job.JobStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run asked for, by the requests backup-service recorded as jobs ({@code migration.requested},
 * {@code retry.requested}): a later event's spec may be missing (a rollback asked for by someone who never saw
 * the run's start), and a dry run's live files must never be written whatever that event says.
 */
@ApplicationScoped
public class RecordedRequests {

    private final JobStore jobs;

    public RecordedRequests(JobStore jobs) {
        this.jobs = jobs;
    }

    /** The spec of the run's latest recorded request. */
    public Optional<RunSpec> latest(String migrationId) {
        List<RunSpec> specs = specs(migrationId);
        return specs.isEmpty() ? Optional.empty() : Optional.of(specs.get(specs.size() - 1));
    }

    /** Whether the run is a dry run: by the spec the handled event carries (or null), or any request recorded. */
    public boolean isDryRun(String migrationId, RunSpec spec) {
        return spec != null && spec.dryRun() || specs(migrationId).stream().anyMatch(RunSpec::dryRun);
    }

    /** In the order recorded. */
    private List<RunSpec> specs(String migrationId) {
        return jobs.forMigration(migrationId).stream()
                .map(job -> EventJson.fromBytes(job.event.getBytes(StandardCharsets.UTF_8)))
                .map(RecordedRequests::requestedSpec)
                .filter(Objects::nonNull)
                .toList();
    }

    private static RunSpec requestedSpec(EventEnvelope event) {
        if (event.payload() instanceof MigrationRequested requested) {
            return requested.spec();
        }
        return event.payload() instanceof RetryRequested retry ? retry.spec() : null;
    }
}
