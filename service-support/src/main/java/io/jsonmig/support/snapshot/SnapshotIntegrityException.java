package io.jsonmig.support.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A stored snapshot file cannot be decoded into the bytes that were backed up: it was modified,
 * truncated or reordered, or it needs a key other than the configured one.
 */
public class SnapshotIntegrityException extends IOException {

    private final transient Path file;
    private final String reason;

    public SnapshotIntegrityException(Path file, String reason) {
        this(file, reason, null);
    }

    public SnapshotIntegrityException(Path file, String reason, Throwable cause) {
        super(file == null ? reason : file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The stored file, when the data came from one. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
