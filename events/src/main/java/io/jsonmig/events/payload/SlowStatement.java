package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * One of the slowest statements on a run's tables, as {@code pg_stat_statements} has normalized it
 * (constants are {@code $1}, {@code $2}...).
 *
 * @param query      the normalized statement, cut to {@value #MAX_QUERY} characters
 * @param calls      how often it ran
 * @param meanMillis its mean execution time
 */
public record SlowStatement(@JsonProperty(required = true) String query, @JsonProperty(required = true) long calls,
                            @JsonProperty(required = true) double meanMillis) {

    public static final int MAX_QUERY = 200;

    public SlowStatement {
        if (query == null) {
            throw new IllegalArgumentException("a slow statement has its query");
        }
        query = query.length() <= MAX_QUERY ? query : query.substring(0, MAX_QUERY) + "…";
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.1f ms × %d: %s", meanMillis, calls, query);
    }
}
