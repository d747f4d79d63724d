package io.jsonmig.events.payload;

import io.jsonmig.events.MigrationIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one rule every service follows for a dry run's throwaway schema, so that the load, the
 * verification and the clean-up all meet in the same place without it travelling in events.
 */
public final class DryRuns {

    public static final String SCHEMA_PREFIX = "jsonmig_dry_";
    private static final int MAX_IDENTIFIER = 63;

    private DryRuns() {
    }

    /**
     * {@code jsonmig_dry_<migration id with '-' as '_'>}; an id too long for a PostgreSQL identifier
     * keeps its first characters and ends with a hash of the whole id.
     */
    public static String schemaFor(String migrationId) {
        MigrationIds.requireValid(migrationId);
        String name = SCHEMA_PREFIX + migrationId.replace('-', '_');
        if (name.length() <= MAX_IDENTIFIER) {
            return name;
        }
        String hash = HexFormat.of().formatHex(sha256(migrationId)).substring(0, 12);
        return name.substring(0, MAX_IDENTIFIER - hash.length() - 1) + "_" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
