package io.jsonmig.notification.status;

import io.quarkus.qute.TemplateExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the status page writes times, durations and rates; also usable in templates ({@code {at.clock}}). */
@TemplateExtension
public final class StatusFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusFormat() {
    }

    /** The time of day in UTC, e.g. {@code 14:03:27}; empty for none. */
    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }

    /** Date and time in UTC, e.g. {@code 2025-03-14 14:03:27 UTC}; empty for none. */
    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 12 s}, {@code 2 h 5 min}; empty for none. */
    static String text(Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** {@code 950}, {@code 12,500}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 950 B}, {@code 21.3 kB}, {@code 4.1 MB}, {@code 1.2 GB} (powers of 1000). */
    static String bytes(long value) {
        if (value < 1000) {
            return value + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1000 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    /** {@code 0.4/s}, {@code 37/s}, {@code 12,500/s}. */
    static String rate(double perSecond) {
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f/s", perSecond)
                : String.format(Locale.ROOT, "%,d/s", Math.round(perSecond));
    }
}
