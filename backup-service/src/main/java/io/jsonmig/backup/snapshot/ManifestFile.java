package io.jsonmig.backup.snapshot;

/** One copied file: its path relative to the source directory, its size and its SHA-256. */
public record ManifestFile(String path, long bytes, String sha256) {
}
