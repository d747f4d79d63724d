package io.jsonmig.backup.restore;

import io.jsonmig.backup.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.FileHashes;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a snapshot for restore or drift check: its manifest is used only after its bytes match the
 * SHA-256 kept in the ledger (and in {@code manifest.json.sha256} beside it), and only when the
 * source directory it names is still under the allowed roots.
 */
@ApplicationScoped
public class TrustedSnapshots {

    static final String CHECKSUM_FILE = Manifest.FILE_NAME + ".sha256";

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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": cannot read " + manifestFile + ": "
                    + e.getMessage());
        }
        String actual = FileHashes.sha256(bytes);
        if (!actual.equals(row.manifestSha256)) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + manifestFile
                    + " does not match the SHA-256 recorded when it was written (" + row.manifestSha256
                    + ", now " + actual + "): it was modified, so it is not used");
        }
        checkChecksumFile(row, location, actual);
        Manifest manifest;
        try {
            manifest = EventJson.mapper().readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + manifestFile
                    + " is not a readable manifest: " + e.getMessage());
        }
        if (!row.snapshotId.equals(manifest.snapshotId()) || !row.sourceDir.equals(manifest.sourceDir())) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + manifestFile
                    + " describes snapshot " + manifest.snapshotId() + " of " + manifest.sourceDir()
                    + ", not the one the ledger recorded");
        }
        return manifest;
    }

    /** Snapshots taken before the checksum file existed have only the ledger's hash, which is enough. */
    private static void checkChecksumFile(Snapshot row, Path location, String actual) {
        Path checksumFile = location.resolve(CHECKSUM_FILE);
        if (!Files.exists(checksumFile)) {
            return;
        }
        String recorded;
        try {
            recorded = Files.readString(checksumFile, StandardCharsets.US_ASCII).strip().split("\\s+", 2)[0];
        } catch (IOException e) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": cannot read " + checksumFile + ": "
                    + e.getMessage());
        }
        if (!recorded.equalsIgnoreCase(actual)) {
            throw new SnapshotRefusedException("snapshot " + row.snapshotId + ": " + Manifest.FILE_NAME
                    + " does not match " + checksumFile + " (" + recorded + ", now " + actual + ")");
        }
    }
}
