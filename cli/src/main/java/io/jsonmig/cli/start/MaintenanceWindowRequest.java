package io.jsonmig.cli.start;

import io.jsonmig.events.payload.MaintenanceWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code --scheduled-at} and {@code --expected-downtime} as typed: both or neither. The time needs
 * an explicit offset, so a run is never scheduled in the wrong time zone, and must lie ahead.
 */
public record MaintenanceWindowRequest(String scheduledAt, Duration expectedDowntime) {

    /** The window, {@code null} when neither option was given; each problem is added to {@code problems}. */
    public MaintenanceWindow toWindow(Instant now, List<String> problems) {
        if (scheduledAt == null && expectedDowntime == null) {
            return null;
        }
        if (scheduledAt == null) {
            problems.add("--expected-downtime needs --scheduled-at: when does the maintenance window open?");
            return null;
        }
        if (expectedDowntime == null) {
            problems.add("--scheduled-at needs --expected-downtime (e.g. 30m, 2h): how long is the application down?");
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(scheduledAt.trim()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("--scheduled-at '" + scheduledAt + "' is not an ISO-8601 time with offset, "
                    + "e.g. 2026-11-25T22:00:00+01:00 or 2026-11-25T21:00:00Z");
            return null;
        }
        if (!at.isAfter(now)) {
            problems.add("--scheduled-at " + scheduledAt + " is not in the future (now is " + now + ")");
            return null;
        }
        try {
            return new MaintenanceWindow(at, expectedDowntime);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (--expected-downtime)");
            return null;
        }
    }
}
