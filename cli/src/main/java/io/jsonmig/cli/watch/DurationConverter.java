package io.jsonmig.cli.watch;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators type them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 3d}, {@code 500ms}, or ISO
 * {@code PT10M} / {@code P3D}.
 */
public class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Duration duration = text.startsWith("p") ? iso(value) : shortForm(text, value);
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("invalid duration '" + value + "': must be more than zero");
        }
        return duration;
    }

    private static Duration shortForm(String text, String original) {
        Matcher m = SHORT.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw invalid(original);
        }
        return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2))).plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4))).plusMillis(number(m.group(5)));
    }

    private static Duration iso(String value) {
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(value);
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("invalid duration '" + value + "': expected e.g. 30s, 10m, 1h30m, 3d, 500ms or PT10M");
    }
}
