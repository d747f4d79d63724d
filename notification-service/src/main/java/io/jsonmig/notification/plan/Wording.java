package io.jsonmig.notification.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as people read them in a message. */
public final class Wording {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Wording() {
    }

    public static String time(Instant instant) {
        return instant == null ? "unknown" : TIME.format(instant);
    }

    /** {@code 45 s}, {@code 12 min 5 s}, {@code 2 h 30 min}, {@code 1 d 2 h}. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "unknown";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds == 0 && duration.toMillis() > 0 ? duration.toMillis() + " ms" : seconds + " s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        long rest = seconds % 60;
        return minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
    }

    /** A machine's instruction as a sentence: capital first letter, full stop; {@code null} stays. */
    public static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String sentence = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    public static String phase(Enum<?> phase) {
        return phase == null ? "not started" : phase.name().toLowerCase(Locale.ROOT);
    }
}
