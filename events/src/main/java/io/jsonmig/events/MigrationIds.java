package io.jsonmig.events;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Migration ids name a run everywhere: Kafka keys, ledger rows, snapshot directories and URLs.
 * They are short, sortable by start time and safe in a path: {@code mig-20261125-153600-7f3a}.
 */
public final class MigrationIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private MigrationIds() {
    }

    public static String newId(Clock clock) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return "mig-" + STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }

    public static boolean isValid(String migrationId) {
        return migrationId != null && VALID.matcher(migrationId).matches();
    }

    /** Returns the id when valid; otherwise says what a valid id looks like. */
    public static String requireValid(String migrationId) {
        if (!isValid(migrationId)) {
            throw new IllegalArgumentException("invalid migration id '" + migrationId
                    + "': expected 3-64 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return migrationId;
    }
}
