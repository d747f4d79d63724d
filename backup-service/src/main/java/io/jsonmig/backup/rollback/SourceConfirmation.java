package io.jsonmig.backup.rollback;

import io.jsonmig.backup.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import static io.jsonmig.events.payload.RollbackStepCompleted.SOURCE_COMPENSATOR;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of a rollback: once the target is cleaned, confirm that the live JSON files still
 * match the backup, then tell the application to use them again.
 */
@ApplicationScoped
public class SourceConfirmation {

    private final SnapshotService snapshots;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;

    public SourceConfirmation(SnapshotService snapshots, PhaseRuns phaseRuns, EventPublisher publisher) {
        this.snapshots = snapshots;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
    }

    /**
     * Whatever happens here ends in one rollback step and one datasource reverted event: the
     * application must be told to use its JSON files again even when they need attention.
     */
    public void run(EventEnvelope targetCompensated) {
        RunSpec spec = targetCompensated.payloadAs(RollbackStepCompleted.class).spec();
        List<String> actions = new ArrayList<>();
        boolean intact;
        try {
            long phaseRun = phaseRuns.start(targetCompensated.migrationId(), Phase.ROLLBACK,
                    targetCompensated.attempt());
            intact = confirm(targetCompensated.migrationId(), actions);
            phaseRuns.finish(phaseRun, intact ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    String.join("; ", actions));
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] cannot confirm the JSON files", targetCompensated.migrationId());
            actions.add("cannot confirm the JSON files against the backup: " + e.getMessage());
            intact = false;
        }
        // One step per rollback: a later rollback request of the same attempt must not look like a duplicate.
        String step = SOURCE_COMPENSATOR + "|" + targetCompensated.eventId();
        publisher.publish(targetCompensated, step,
                new RollbackStepCompleted(SOURCE_COMPENSATOR, Phase.BACKUP, actions, intact, spec));
        String sourceDir = spec == null ? null : spec.sourceDir();
        publisher.publish(targetCompensated, step, new DatasourceReverted(sourceDir,
                intact ? "rolled back; the JSON files match the backup" : "rolled back; the JSON files need attention",
                "switch the application back to its JSON files" + (sourceDir == null ? "" : " in " + sourceDir)));
    }

    private boolean confirm(String migrationId, List<String> actions) {
        Optional<Snapshot> snapshot = latestSnapshot(migrationId);
        if (snapshot.isEmpty()) {
            actions.add("no snapshot was taken, so jsonmig never read the JSON files past validation; nothing to restore");
            return true;
        }
        try {
            Manifest manifest = snapshots.manifestOf(snapshot.get());
            List<String> changed = manifest.differencesIn(Path.of(manifest.sourceDir()), "JSON file");
            if (changed.isEmpty()) {
                actions.add("all " + manifest.files().size() + " JSON file(s) in " + manifest.sourceDir()
                        + " match the backup " + snapshot.get().location);
                return true;
            }
            actions.addAll(changed);
            actions.add("the backup to restore from is " + snapshot.get().location);
            return false;
        } catch (IOException e) {
            actions.add("cannot compare the JSON files with the backup: " + e.getMessage());
            return false;
        }
    }

    @Transactional
    Optional<Snapshot> latestSnapshot(String migrationId) {
        return Snapshot.latestFor(migrationId);
    }
}
