package io.jsonmig.support.snapshot;

import java.time.Instant;

/**
 * One file of a snapshot.
 *
 * @param path         path relative to the source directory (and to the snapshot's {@code files/})
 * @param bytes        size of the source file
 * @param sha256       SHA-256 of the source file's bytes: what a restore must reproduce exactly
 * @param mode         POSIX permissions of the source file, e.g. {@code rw-r--r--}, restored with it
 * @param modifiedAt   last-modified time of the source file when it was copied
 * @param storedBytes  size of the stored copy (differs from {@code bytes} when compressed or encrypted)
 * @param storedSha256 SHA-256 of the stored copy as it lies on disk
 */
public record ManifestFile(String path, long bytes, String sha256, String mode, Instant modifiedAt,
                           long storedBytes, String storedSha256) {
}
