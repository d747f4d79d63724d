package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot holds, written as {@code manifest.json} beside the copied files: backup-service
 * checks the copies against it before announcing the snapshot, and the live files against it during
 * a rollback. {@code collectionOffsets}: where each collection's array begins in a db.json (its plain
 * bytes), so that a reader of one collection need not parse the ones before it; absent in older
 * manifests and for the other layouts.
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
        Map<String, Long> recordsPerCollection,
        Map<String, Long> collectionOffsets) {

    public static final String FILE_NAME = "manifest.json";
    /** The manifest's SHA-256 in {@code sha256sum} format, beside it: {@code sha256sum -c manifest.json.sha256}. */
    public static final String CHECKSUM_FILE_NAME = FILE_NAME + ".sha256";
    public static final int FORMAT_VERSION = 1;

    /** The entry of the file at {@code path} (relative to the source directory). */
    public java.util.Optional<ManifestFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
