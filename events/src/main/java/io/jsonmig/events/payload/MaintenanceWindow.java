package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a run may take the application offline. backup-service starts the run when the window
 * opens; notification-service announces it and reminds people before it.
 *
 * @param scheduledAt      when the window opens
 * @param expectedDowntime how long the application is expected to be unavailable (ISO-8601, e.g. {@code PT30M})
 */
public record MaintenanceWindow(@JsonProperty(required = true) Instant scheduledAt,
                                @JsonProperty(required = true) @JsonFormat(shape = JsonFormat.Shape.STRING)
                                Duration expectedDowntime) {

    /** A longer downtime is almost certainly a typo (minutes taken for hours, say). */
    public static final Duration MAX_DOWNTIME = Duration.ofDays(7);

    public MaintenanceWindow {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(expectedDowntime, "expectedDowntime");
        if (expectedDowntime.isNegative() || expectedDowntime.isZero()) {
            throw new IllegalArgumentException("expected downtime must be positive, got " + expectedDowntime);
        }
        if (expectedDowntime.compareTo(MAX_DOWNTIME) > 0) {
            throw new IllegalArgumentException("expected downtime " + expectedDowntime + " is longer than "
                    + MAX_DOWNTIME.toDays() + " days");
        }
    }

    /** When the application is expected back. */
    public Instant endsAt() {
        return scheduledAt.plus(expectedDowntime);
    }

    /** Whether the run must still wait at {@code now}. */
    public boolean opensAfter(Instant now) {
        return scheduledAt.isAfter(now);
    }

    /** For people: {@code 2026-11-25 16:36:00 UTC for 30 min} (whole minutes, else seconds). */
    public String describe() {
        long seconds = expectedDowntime.toSeconds();
        String downtime = seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(scheduledAt) + " for " + downtime;
    }
}
