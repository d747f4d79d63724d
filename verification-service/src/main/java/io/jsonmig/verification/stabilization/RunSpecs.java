package io.jsonmig.verification.stabilization;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The spec of a run as this service received it: {@code cutover.ready} does not carry it, but the run's
 * {@code migration.requested} (the baseline's job) and {@code data.migrated} (the verification's) did, and
 * each job keeps its event.
 */
@ApplicationScoped
public class RunSpecs {

    private final JobStore jobs;

    public RunSpecs(JobStore jobs) {
        this.jobs = jobs;
    }

    /** The spec of the latest attempt up to {@code attempt} that this service saw. */
    public Optional<RunSpec> of(String migrationId, int attempt) {
        List<PhaseJob> recorded = jobs.forMigration(migrationId);
        for (int i = recorded.size() - 1; i >= 0; i--) {
            PhaseJob job = recorded.get(i);
            if (job.attempt > attempt) {
                continue;
            }
            EventEnvelope event = EventJson.fromBytes(job.event.getBytes(StandardCharsets.UTF_8));
            if (event.payload() instanceof DataMigrated migrated) {
                return Optional.of(migrated.spec());
            }
            if (event.payload() instanceof MigrationRequested requested) {
                return Optional.of(requested.spec());
            }
        }
        return Optional.empty();
    }
}
