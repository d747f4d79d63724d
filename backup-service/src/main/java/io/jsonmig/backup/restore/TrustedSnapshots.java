package io.jsonmig.backup.restore;

import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.support.snapshot.TrustedManifest;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a snapshot for restore or drift check: its manifest is used only after its bytes match the
 * SHA-256 kept in the ledger (and in {@code manifest.json.sha256} beside it), and only when the
 * source directory it names is still under the allowed roots.
 */
@ApplicationScoped
public class TrustedSnapshots {

    private final AllowedPaths paths;

    public TrustedSnapshots(AllowedPaths paths) {
        this.paths = paths;
    }

    /** The snapshot with its verified manifest and its source directory, ready to compare or restore. */
    public TrustedSnapshot open(Snapshot row) {
        Path location = Path.of(row.location);
        Manifest manifest = manifest(row);
        Path sourceDir;
        try {
            sourceDir = paths.directory(manifest.sourceDir(), "source directory");
        } catch (PhaseFailure e) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + e.getMessage());
        }
        return new TrustedSnapshot(row, manifest, sourceDir, location.resolve(SnapshotSummary.FILES_DIR));
    }

    /** The snapshot's manifest, once its bytes have matched the recorded checksums. */
    public Manifest manifest(Snapshot row) {
        Path location = Path.of(row.location);
        Path manifestFile = location.resolve(Manifest.FILE_NAME);
        if (!Files.isDirectory(location)) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + " is no longer stored: " + location
                    + " does not exist (deleted by retention or by hand)");
        }
        Manifest manifest;
        try {
            manifest = TrustedManifest.read(location, row.manifestSha256);
        } catch (TrustedManifest.UntrustedManifestException e) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + e.getMessage());
        }
        if (!row.snapshotId.equals(manifest.snapshotId()) || !row.sourceDir.equals(manifest.sourceDir())) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + manifestFile
                    + " describes snapshot " + manifest.snapshotId() + " of " + manifest.sourceDir()
                    + ", not the one the ledger recorded");
        }
        return manifest;
    }
}
