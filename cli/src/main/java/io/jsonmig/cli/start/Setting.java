package io.jsonmig.cli.start;

import java.util.function.Function;

/**
 * One setting of a run and where it was given. A {@code null} value is a setting that was given but
 * could not be read (its problem is already reported): it still counts as given, so nothing more is
 * said about it being missing.
 */
public record Setting<T>(T value, Origin origin) {

    public static <T> Setting<T> flag(RunField field, T value) {
        return value == null ? null : new Setting<>(value, new Origin.Flag(field));
    }

    public boolean readable() {
        return value != null;
    }

    public <R> Setting<R> map(Function<T, R> mapping) {
        return new Setting<>(value == null ? null : mapping.apply(value), origin);
    }
}
