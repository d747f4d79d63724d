package io.jsonmig.backup.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot holds, written as {@code manifest.json} beside the copied files. Restores and
 * the verification trust the snapshot only through these hashes.
 */
public record Manifest(
        String snapshotId,
        String migrationId,
        String sourceHost,
        String sourceDir,
        Instant createdAt,
        String layout,
        List<ManifestFile> files,
        Map<String, Long> recordsPerCollection) {

    public static final String FILE_NAME = "manifest.json";
    /** The copied files live under this sub-directory of the snapshot, with their source-relative paths. */
    public static final String FILES_DIR = "files";
}
