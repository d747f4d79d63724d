package io.jsonmig.backup.rollback;

import io.jsonmig.backup.snapshot.Manifest;
import io.jsonmig.backup.snapshot.ManifestFile;
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
import io.jsonmig.support.source.FileHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.file.Files;
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

    public static final String COMPENSATOR = "backup-service";

    private final SnapshotService snapshots;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;

    public SourceConfirmation(SnapshotService snapshots, PhaseRuns phaseRuns, EventPublisher publisher) {
        this.snapshots = snapshots;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
    }

    public void run(EventEnvelope targetCompensated) {
        RunSpec spec = targetCompensated.payloadAs(RollbackStepCompleted.class).spec();
        long phaseRun = phaseRuns.start(targetCompensated.migrationId(), Phase.ROLLBACK, targetCompensated.attempt());
        List<String> actions = new ArrayList<>();
        boolean intact = confirm(targetCompensated.migrationId(), actions);
        phaseRuns.finish(phaseRun, intact ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                String.join("; ", actions));
        publisher.publish(targetCompensated, COMPENSATOR,
                new RollbackStepCompleted(COMPENSATOR, Phase.BACKUP, actions, intact, spec));
        String sourceDir = spec == null ? null : spec.sourceDir();
        publisher.publish(targetCompensated, "", new DatasourceReverted(sourceDir,
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
            List<String> changed = new ArrayList<>();
            for (ManifestFile file : manifest.files()) {
                Path live = Path.of(manifest.sourceDir()).resolve(file.path());
                if (!Files.isRegularFile(live)) {
                    changed.add(live + " is missing");
                } else if (!FileHashes.sha256(live).equals(file.sha256())) {
                    changed.add(live + " differs from the backup");
                }
            }
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
