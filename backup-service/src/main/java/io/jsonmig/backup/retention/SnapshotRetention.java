package io.jsonmig.backup.retention;

import io.jsonmig.backup.config.BackupConfig;
import io.jsonmig.support.rejects.RejectRoot;
import io.jsonmig.support.rejects.RunRejects;
import io.jsonmig.support.snapshot.PrivateFiles;
import io.jsonmig.backup.snapshot.Snapshot;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the newest {@code jsonmig.backup.retention.keep} snapshots of each source directory and
 * deletes the older ones, except the snapshot of a run that is still active: a rollback may need it.
 * A deleted snapshot keeps its ledger row, marked with {@code deleted_at}. Once a run has no snapshot left, its
 * reject files ({@code <reject root>/<migrationId>}, written by migration-service) go too: they are copies of the
 * snapshot's records and must not outlive it.
 */
@ApplicationScoped
public class SnapshotRetention {

    private final BackupConfig config;
    private final RunActivities runs;
    private final Clock clock;
    private final RejectRoot rejects;

    public SnapshotRetention(BackupConfig config, RunActivities runs, Clock clock, RejectRoot rejects) {
        this.config = config;
        this.runs = runs;
        this.clock = clock;
        this.rejects = rejects;
    }

    /** Applies retention to the source directory of every stored snapshot of a run. */
    public void applyForRun(String migrationId) {
        List<String> sourceDirs = QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>list(
                "migrationId = ?1 and deletedAt is null", migrationId).stream().map(s -> s.sourceDir).distinct().toList());
        sourceDirs.forEach(this::apply);
    }

    /** @return the ids of the snapshots deleted */
    public synchronized List<String> apply(String sourceDir) {
        List<Snapshot> stored = QuarkusTransaction.requiringNew().call(() -> Snapshot.storedFor(sourceDir));
        List<String> deleted = new ArrayList<>();
        for (Snapshot old : stored.stream().skip(Math.max(0, config.retention().keep())).toList()) {
            if (!runs.isFinished(old.migrationId)) {
                Log.infof("retention spares snapshot %s: run %s is still active", old.snapshotId, old.migrationId);
                continue;
            }
            try {
                delete(old);
                deleted.add(old.snapshotId);
            } catch (IOException | RuntimeException e) {
                Log.errorf(e, "retention cannot delete snapshot %s at %s", old.snapshotId, old.location);
            }
        }
        return deleted;
    }

    private void delete(Snapshot snapshot) throws IOException {
        Path root = config.snapshotRoot().toAbsolutePath().normalize();
        Path location = Path.of(snapshot.location).toAbsolutePath().normalize();
        // never delete anything but a snapshot directory of this service's own root
        if (!location.getParent().equals(root) || !location.getFileName().toString().equals(snapshot.snapshotId)) {
            throw new IOException("snapshot " + snapshot.snapshotId + " lies at " + location
                    + ", not in the snapshot root " + root + "; left in place");
        }
        Path doomed = root.resolve("." + snapshot.snapshotId + ".deleting-" + UUID.randomUUID());
        if (Files.exists(location)) {
            // renamed first, so a half-deleted snapshot never looks like a snapshot
            Files.move(location, doomed, StandardCopyOption.ATOMIC_MOVE);
        }
        Instant now = Instant.now(clock);
        QuarkusTransaction.requiringNew().run(() -> Snapshot.update("deletedAt = ?1 where snapshotId = ?2", now,
                snapshot.snapshotId));
        PrivateFiles.deleteTree(doomed);
        Log.infof("retention deleted snapshot %s of %s", snapshot.snapshotId, snapshot.sourceDir);
        long left = QuarkusTransaction.requiringNew().call(() -> Snapshot.count(
                "migrationId = ?1 and deletedAt is null", snapshot.migrationId));
        if (left == 0 && RunRejects.delete(rejects, snapshot.migrationId)) {
            Log.infof("retention deleted the reject files of run %s with its last snapshot", snapshot.migrationId);
        }
    }
}
