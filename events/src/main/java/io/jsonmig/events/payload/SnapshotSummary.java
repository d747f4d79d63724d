package io.jsonmig.events.payload;

import java.util.Map;

/**
 * The backup that the later phases read instead of the live files.
 *
 * @param snapshotId           unique name of the snapshot
 * @param location             snapshot directory: {@code manifest.json}, and {@code files/} holding the copied
 *                             files at their paths relative to the source directory
 * @param layout               how the source stores its collections, e.g. {@code db-json}
 * @param files                number of files copied
 * @param bytes                total size of the copied files
 * @param recordsPerCollection records counted in the snapshot, by collection
 * @param manifestSha256       SHA-256 of {@code manifest.json}
 * @param storage              how the copied files are stored (compression, encryption); plain when absent
 * @param collectionOffsets    for a db.json: where each collection's array begins in its plain bytes, as
 *                             the backup's count found it, so that a reader of one collection can seek
 *                             to it; absent for the other layouts and from older backups
 */
public record SnapshotSummary(String snapshotId, String location, String layout, int files, long bytes,
                              Map<String, Long> recordsPerCollection, String manifestSha256,
                              SnapshotStorage storage, Map<String, Long> collectionOffsets) {

    public SnapshotSummary {
        storage = storage == null ? SnapshotStorage.PLAIN : storage;
    }

    public SnapshotSummary(String snapshotId, String location, String layout, int files, long bytes,
                           Map<String, Long> recordsPerCollection, String manifestSha256, SnapshotStorage storage) {
        this(snapshotId, location, layout, files, bytes, recordsPerCollection, manifestSha256, storage, null);
    }

    /** A snapshot stored as plain files. */
    public SnapshotSummary(String snapshotId, String location, String layout, int files, long bytes,
                           Map<String, Long> recordsPerCollection, String manifestSha256) {
        this(snapshotId, location, layout, files, bytes, recordsPerCollection, manifestSha256, SnapshotStorage.PLAIN);
    }

    /** The sub-directory of a snapshot that holds the copied files at their source-relative paths. */
    public static final String FILES_DIR = "files";

    public long totalRecords() {
        return recordsPerCollection.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The directory to read the snapshot's records from. */
    public java.nio.file.Path filesDirectory() {
        return java.nio.file.Path.of(location).resolve(FILES_DIR);
    }
}
