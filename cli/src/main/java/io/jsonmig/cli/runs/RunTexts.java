package io.jsonmig.cli.runs;

import io.jsonmig.cli.watch.RunSummary;
import io.jsonmig.events.Phase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the read commands write times, durations, phases and long reasons. */
public final class RunTexts {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private RunTexts() {
    }

    /** Local date and time, e.g. {@code 2026-11-25 15:36:00}; {@code -} for none. */
    public static String dateTime(Instant at) {
        return at == null ? "-" : DATE_TIME.format(at);
    }

    /** Local time of day, e.g. {@code 15:36:00}; {@code -} for none. */
    public static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /** As {@code watch} writes durations: {@code 1.2s}, {@code 4m10s}, {@code 1h02m03s}. */
    public static String duration(Duration d) {
        return d == null ? "-" : RunSummary.human(d.isNegative() ? Duration.ZERO : d);
    }

    public static String phase(Phase phase) {
        return phase == null ? "-" : phase.name().toLowerCase(Locale.ROOT);
    }

    /** One line of at most {@code max} characters, cut with an ellipsis. */
    public static String shorten(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= max ? line
                : line.substring(0, line.offsetByCodePoints(0, max - 1)) + "…";
    }
}
