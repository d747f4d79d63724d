package io.jsonmig.support.snapshot;

import io.jsonmig.support.source.FileHashes;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The configured AES-256 key and its fingerprint. Its messages and {@link #toString()} never show
 * the key, only the fingerprint (the first 16 hex digits of the SHA-256 of the key's bytes).
 */
final class SnapshotKey {

    static final int KEY_BYTES = 32;
    private static final String SETTING = "jsonmig.snapshot.encryption-key (JSONMIG_SNAPSHOT_KEY)";

    private final SecretKey key;
    private final String fingerprint;

    private SnapshotKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.fingerprint = fingerprintOf(bytes);
    }

    static SnapshotKey parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the offending character: not even part of a key goes to a log
            throw new IllegalStateException(SETTING + " is not valid base64; expected base64 of " + KEY_BYTES
                    + " random bytes, e.g. from 'openssl rand -base64 32'");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(SETTING + " decodes to " + bytes.length + " bytes; expected exactly "
                    + KEY_BYTES + " (AES-256), e.g. from 'openssl rand -base64 32'");
        }
        return new SnapshotKey(bytes);
    }

    static String fingerprintOf(byte[] keyBytes) {
        return HexFormat.of().formatHex(FileHashes.sha256().digest(keyBytes)).substring(0, 16);
    }

    SecretKey secretKey() {
        return key;
    }

    String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "snapshot key " + fingerprint;
    }
}
