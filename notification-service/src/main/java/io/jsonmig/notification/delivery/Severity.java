package io.jsonmig.notification.delivery;

/** How urgent a notification is; subscriptions filter on a minimum severity. */
public enum Severity {
    /** Schedules, milestones, status updates, summaries of a completed run. */
    INFO,
    /** Needs a look: a drift before cut-over, a run rolled back as planned. */
    WARNING,
    /** Needs someone now: a failed phase, a failed verification, a rollback. */
    CRITICAL
}
