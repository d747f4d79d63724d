package io.jsonmig.events.payload;

/**
 * A live JSON file that no longer matches the snapshot.
 *
 * @param path           path relative to the source directory
 * @param change         {@code changed} (other bytes) or {@code missing} (the file is gone)
 * @param expectedBytes  size recorded in the snapshot
 * @param actualBytes    size of the live file; {@code null} when missing
 * @param expectedSha256 SHA-256 recorded in the snapshot
 * @param actualSha256   SHA-256 of the live file; {@code null} when missing
 */
public record FileDrift(String path, String change, long expectedBytes, Long actualBytes, String expectedSha256,
                        String actualSha256) {

    public static final String CHANGED = "changed";
    public static final String MISSING = "missing";
}
