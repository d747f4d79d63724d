package io.jsonmig.backup.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot holds, written as {@code manifest.json} beside the copied files: backup-service
 * checks the copies against it before announcing the snapshot, and the live files against it during
 * a rollback.
 */
public record Manifest(
        int formatVersion,
        String snapshotId,
        String migrationId,
        int attempt,
        String sourceHost,
        String sourceDir,
        Instant createdAt,
        String layout,
        SnapshotStorage storage,
        List<ManifestFile> files,
        Map<String, Long> recordsPerCollection) {

    public static final String FILE_NAME = "manifest.json";
    /** The manifest's SHA-256 in {@code sha256sum} format, beside it: {@code sha256sum -c manifest.json.sha256}. */
    public static final String CHECKSUM_FILE_NAME = FILE_NAME + ".sha256";
    public static final int FORMAT_VERSION = 1;

    /**
     * Files under {@code dir} that are missing or differ from their recorded SHA-256, one line each.
     *
     * @param dir  where the manifest's relative paths are resolved: the snapshot's files or the live source
     * @param what how to name such a file in the lines, e.g. "snapshot file"
     */
    public List<String> differencesIn(Path dir, String what) throws IOException {
        List<String> differences = new ArrayList<>();
        for (ManifestFile file : files) {
            Path actual = dir.resolve(file.path());
            if (!Files.isRegularFile(actual)) {
                differences.add(what + " " + actual + " is missing");
            } else if (!FileHashes.sha256(actual).equals(file.sha256())) {
                differences.add(what + " " + actual + " differs from the backup");
            }
        }
        return differences;
    }
}
