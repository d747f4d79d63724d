package io.jsonmig.cli.start;

import io.jsonmig.cli.watch.RunSummary;
import io.jsonmig.events.payload.MaintenanceWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When the maintenance window opens and how long it lasts, as given (flags or run file): both or
 * neither. The time needs an explicit offset, so a run is never scheduled in the wrong time zone,
 * and must lie ahead.
 */
public record MaintenanceWindowRequest(Setting<String> scheduledAt, Setting<Duration> expectedDowntime) {

    /** Values typed as flags. */
    public MaintenanceWindowRequest(String scheduledAt, Duration expectedDowntime) {
        this(Setting.flag(RunField.SCHEDULED_AT, scheduledAt), Setting.flag(RunField.EXPECTED_DOWNTIME, expectedDowntime));
    }

    /** The window, {@code null} when neither is given; each problem is added to {@code problems}. */
    public MaintenanceWindow toWindow(Instant now, List<String> problems) {
        if (scheduledAt == null && expectedDowntime == null) {
            return null;
        }
        if (scheduledAt == null) {
            Origin origin = expectedDowntime.origin();
            problems.add(origin.problem("needs " + origin.name(RunField.SCHEDULED_AT)
                    + ": when does the maintenance window open?"));
            return null;
        }
        if (expectedDowntime == null) {
            Origin origin = scheduledAt.origin();
            problems.add(origin.problem("needs " + origin.name(RunField.EXPECTED_DOWNTIME)
                    + " (e.g. 30m, 2h): how long is the application down?"));
            return null;
        }
        Instant at = opening(now, problems);
        Duration downtime = expectedDowntime.value();
        if (downtime != null && downtime.compareTo(MaintenanceWindow.MAX_DOWNTIME) > 0) {
            problems.add(expectedDowntime.origin().problem(RunSummary.human(downtime) + " is longer than "
                    + MaintenanceWindow.MAX_DOWNTIME.toDays() + " days"));
            return null;
        }
        if (at == null || downtime == null) {
            return null;
        }
        return new MaintenanceWindow(at, downtime);
    }

    /** When the window opens, {@code null} when that cannot be read or is not ahead (a problem, unless already reported). */
    private Instant opening(Instant now, List<String> problems) {
        if (!scheduledAt.readable()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(scheduledAt.value().trim()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(scheduledAt.origin().problem("'" + scheduledAt.value() + "' is not an ISO-8601 time with "
                    + "offset, e.g. 2026-11-25T22:00:00+01:00 or 2026-11-25T21:00:00Z"));
            return null;
        }
        if (!at.isAfter(now)) {
            problems.add(scheduledAt.origin().problem(scheduledAt.value() + " is not in the future (now is " + now + ")"));
            return null;
        }
        return at;
    }
}
