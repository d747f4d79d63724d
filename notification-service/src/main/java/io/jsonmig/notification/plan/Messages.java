package io.jsonmig.notification.plan;

import java.util.List;

/**
 * What each kind of message says, as the templates under {@code templates/notifications/} read it
 * (each declares its record, so Qute checks every expression at build time). Texts are ready to
 * print: times and durations already in words.
 */
public final class Messages {

    private Messages() {
    }

    /**
     * The run is requested: when it happens and for how long, or that it starts now.
     *
     * @param dryRun a rehearsal into a throwaway schema: nothing is cut over (users are not told of it)
     */
    public record Announcement(String migrationId, boolean scheduled, String scheduledAt, String expectedDowntime,
                               String expectedBackAt, String targetProfile, String requestedBy, boolean dryRun) {
    }

    /** The maintenance window opens soon. */
    public record Reminder(String migrationId, String scheduledAt, String startsIn, String expectedDowntime,
                           String expectedBackAt, boolean dryRun) {
    }

    /** How an active run is doing. */
    public record StatusUpdate(String migrationId, int number, String status, String phase, String percent,
                               String eta, long rowsLoaded, String running, boolean dryRun) {
    }

    /** Something went wrong, or needs a look, now. */
    public record Alert(String migrationId, String eventType, String headline, String reason, String phase,
                        List<String> problems, boolean dryRun) {
    }

    /** One event for operators. */
    public record EventNotice(String migrationId, String eventType, String summary, String occurredAt,
                              String producer) {
    }

    /**
     * The run ended: with the figures when it completed, with what was undone when it rolled back.
     *
     * @param totalDuration   the working time: from the start, or from the maintenance window's opening
     *                        when the run waited for it, to the end
     * @param waitedForWindow how long a scheduled run waited for its window; {@code null} when it did not
     * @param reportLink      the verification report's page for people (HTML) when it is served
     * @param dryRun  a rehearsal: when completed, loaded and verified in a throwaway schema that
     *                {@code removed} says was removed again; nothing was cut over
     */
    public record Summary(String migrationId, boolean completed, String totalDuration, String waitedForWindow,
                          List<PhaseLine> phases,
                          long recordsInSource, long recordsLoaded, long recordsRejected, String throughput,
                          String verification, String reportLink, String trigger, String reason,
                          List<String> restored, String instruction, boolean dryRun, List<String> removed,
                          String stabilization, String carriedBack) {
    }

    /** One phase in a summary; {@code duration} is {@code null} for a phase skipped on purpose. */
    public record PhaseLine(String phase, String status, String duration) {
    }
}
