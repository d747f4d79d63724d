package io.jsonmig.backup.rollback;

import io.jsonmig.backup.restore.RestoreReport;
import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.SnapshotRestore;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import static io.jsonmig.events.payload.RollbackStepCompleted.SOURCE_COMPENSATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of a rollback: once the target is cleaned, bring the live JSON files back to the
 * backup (restoring only what is missing or changed, keeping changed files as conflict copies), then
 * tell the application to use them again.
 */
@ApplicationScoped
public class SourceConfirmation implements JobHandler {

    /** The job of the target compensator's {@code rollback.step-completed}. */
    public static final String JOB = "source-confirmation";

    private final SnapshotLookup lookup;
    private final TrustedSnapshots trusted;
    private final SnapshotRestore restore;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;

    public SourceConfirmation(SnapshotLookup lookup, TrustedSnapshots trusted, SnapshotRestore restore,
                              PhaseRuns phaseRuns, EventPublisher publisher) {
        this.lookup = lookup;
        this.trusted = trusted;
        this.restore = restore;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
    }

    /**
     * Whatever happens here ends in one rollback step and one datasource reverted event: the
     * application must be told to use its JSON files again even when they need attention.
     */
    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope targetCompensated, Cancellation cancellation) {
        RunSpec spec = targetCompensated.payloadAs(RollbackStepCompleted.class).spec();
        List<String> actions = new ArrayList<>();
        boolean intact;
        try {
            long phaseRun = phaseRuns.start(targetCompensated.migrationId(), Phase.ROLLBACK,
                    targetCompensated.attempt());
            intact = restoreFiles(targetCompensated.migrationId(), actions);
            phaseRuns.finish(phaseRun, intact ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    String.join("; ", actions));
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] cannot restore the JSON files", targetCompensated.migrationId());
            actions.add("cannot restore the JSON files from the backup: " + e.getMessage());
            intact = false;
        }
        // One step per rollback: a later rollback request of the same attempt must not look like a duplicate.
        String step = SOURCE_COMPENSATOR + "|" + targetCompensated.eventId();
        publisher.publish(targetCompensated, step,
                new RollbackStepCompleted(SOURCE_COMPENSATOR, Phase.BACKUP, actions, intact, spec));
        String sourceDir = spec == null ? null : spec.sourceDir();
        publisher.publish(targetCompensated, step, new DatasourceReverted(sourceDir, intact
                        ? "rolled back; the JSON files match the backup"
                        : "rolled back; some JSON files could not be restored and need attention",
                "switch the application back to its JSON files" + (sourceDir == null ? "" : " in " + sourceDir)));
    }

    private boolean restoreFiles(String migrationId, List<String> actions) {
        Optional<Snapshot> snapshot = lookup.latestFor(migrationId);
        if (snapshot.isEmpty()) {
            actions.add("no snapshot was taken, so jsonmig never read the JSON files past validation; nothing to restore");
            return true;
        }
        try {
            RestoreReport report = restore.restore(trusted.open(snapshot.get()));
            actions.addAll(report.lines());
            return report.succeeded();
        } catch (SnapshotRefusedException e) {
            actions.add("cannot restore the JSON files: " + e.getMessage());
            return false;
        }
    }
}
