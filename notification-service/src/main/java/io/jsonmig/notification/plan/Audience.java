package io.jsonmig.notification.plan;

/** The standard audiences of the plan; named groups receive the messages of one of them. */
public final class Audience {

    /** Every event, every failure at once. */
    public static final String OPERATORS = "operators";
    /** Schedule, milestones, status updates, alerts and the summary. */
    public static final String STAKEHOLDERS = "stakeholders";
    /** Planned maintenance, done, or rolled back: in their words. */
    public static final String USERS = "users";

    private Audience() {
    }
}
