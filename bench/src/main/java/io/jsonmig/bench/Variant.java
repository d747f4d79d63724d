package io.jsonmig.bench;

import io.jsonmig.events.payload.SnapshotStorage;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of configuring the backup-service for a measurement: plain, or with snapshot compression
 * and/or encryption switched on through its environment.
 *
 * @param name        as printed
 * @param env         the service's extra environment
 * @param compression the storage the snapshot must report if the service applied the setting
 * @param encryption  likewise
 */
record Variant(String name, Map<String, String> env, String compression, String encryption) {

    static final String COMPRESSION_ENV = "JSONMIG_SNAPSHOT_COMPRESSION";
    static final String KEY_ENV = "JSONMIG_SNAPSHOT_KEY";

    static final Variant PLAIN = new Variant("plain", Map.of(), SnapshotStorage.NONE, SnapshotStorage.NONE);

    /** Plain always; then compression, encryption, and both, as configured. The key is random and never printed. */
    static List<Variant> configured(BenchConfig config) {
        List<Variant> variants = new ArrayList<>(List.of(PLAIN));
        boolean gzip = SnapshotStorage.GZIP.equals(config.compression());
        String key = config.encrypt() ? randomKey() : null;
        if (gzip) {
            variants.add(new Variant("gzip", Map.of(COMPRESSION_ENV, SnapshotStorage.GZIP), SnapshotStorage.GZIP,
                    SnapshotStorage.NONE));
        }
        if (key != null) {
            variants.add(new Variant("aes-256-gcm", Map.of(KEY_ENV, key), SnapshotStorage.NONE,
                    SnapshotStorage.AES_256_GCM));
        }
        if (gzip && key != null) {
            Map<String, String> both = new LinkedHashMap<>();
            both.put(COMPRESSION_ENV, SnapshotStorage.GZIP);
            both.put(KEY_ENV, key);
            variants.add(new Variant("gzip+aes-256-gcm", both, SnapshotStorage.GZIP, SnapshotStorage.AES_256_GCM));
        }
        return variants;
    }

    /** Whether the stored snapshot is what this variant asked for (a service that ignores the setting stores it plain). */
    boolean appliedIn(SnapshotStorage storage) {
        return compression.equals(storage.compression()) && encryption.equals(storage.encryption());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
