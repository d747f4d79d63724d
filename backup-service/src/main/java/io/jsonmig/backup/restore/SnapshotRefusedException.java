package io.jsonmig.backup.restore;

/** A snapshot that cannot be trusted or used: its manifest fails its checksum, or its paths are not allowed. */
public class SnapshotRefusedException extends RuntimeException {

    public SnapshotRefusedException(String message) {
        super(message);
    }
}
