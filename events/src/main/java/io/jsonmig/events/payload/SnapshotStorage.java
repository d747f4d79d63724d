package io.jsonmig.events.payload;

import java.util.Set;

/**
 * How a snapshot's files are stored on disk. Readers of the snapshot decode them transparently
 * (service-support's snapshot reader); the key itself is never in an event, only its fingerprint,
 * so a reader configured with another key fails with a clear message instead of garbage.
 *
 * @param compression    {@code none} or {@code gzip}
 * @param encryption     {@code none} or {@code aes-256-gcm}
 * @param keyFingerprint first 16 hex digits of the SHA-256 of the encryption key; {@code null} when not encrypted
 */
public record SnapshotStorage(String compression, String encryption, String keyFingerprint) {

    public static final String NONE = "none";
    public static final String GZIP = "gzip";
    public static final String AES_256_GCM = "aes-256-gcm";

    /** Files stored exactly as the source holds them. */
    public static final SnapshotStorage PLAIN = new SnapshotStorage(NONE, NONE, null);

    public SnapshotStorage {
        compression = compression == null ? NONE : compression;
        encryption = encryption == null ? NONE : encryption;
        if (!Set.of(NONE, GZIP).contains(compression)) {
            throw new IllegalArgumentException("unknown snapshot compression '" + compression + "': expected none or gzip");
        }
        if (!Set.of(NONE, AES_256_GCM).contains(encryption)) {
            throw new IllegalArgumentException("unknown snapshot encryption '" + encryption
                    + "': expected none or aes-256-gcm");
        }
        if (AES_256_GCM.equals(encryption) && (keyFingerprint == null || keyFingerprint.isBlank())) {
            throw new IllegalArgumentException("an encrypted snapshot must name its key fingerprint");
        }
    }

    public boolean compressed() {
        return GZIP.equals(compression);
    }

    public boolean encrypted() {
        return AES_256_GCM.equals(encryption);
    }
}
