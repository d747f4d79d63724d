package io.jsonmig.support.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * How snapshot files are stored. backup-service writes new snapshots this way; every reader
 * decodes what a snapshot's {@link io.jsonmig.events.payload.SnapshotStorage} says, so readers
 * need the same key as the writer.
 */
@ConfigMapping(prefix = "jsonmig.snapshot")
public interface SnapshotConfig {

    /** {@code none} or {@code gzip}, for new snapshots ({@code JSONMIG_SNAPSHOT_COMPRESSION}). */
    @WithDefault("none")
    String compression();

    /**
     * Base64 of exactly 32 bytes ({@code JSONMIG_SNAPSHOT_KEY}). When present, new snapshots are
     * encrypted with AES-256-GCM and readers can decrypt them; it never appears in events or logs.
     */
    Optional<String> encryptionKey();
}
