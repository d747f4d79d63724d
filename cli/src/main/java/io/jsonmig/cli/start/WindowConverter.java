package io.jsonmig.cli.start;

import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.events.payload.Stabilization;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** A stabilization window: a duration such as {@code 72h} or {@code 3d}, or {@code 0} for none, up to 90 days. */
public class WindowConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value == null ? "" : value.trim();
        if (text.equals("0") || text.equalsIgnoreCase("none")) {
            return Duration.ZERO;
        }
        Duration window = new DurationConverter().convert(text);
        if (window.compareTo(Stabilization.MAX_WINDOW) > 0) {
            throw new TypeConversionException("stabilization window '" + value + "' is longer than "
                    + Stabilization.MAX_WINDOW.toDays() + " days");
        }
        return window;
    }
}
