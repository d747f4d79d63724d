package io.jsonmig.support.job;

import java.sql.SQLException;
import java.util.Set;

/**
 * A database error that says nothing about the data: the connection broke, the server terminated it
 * or is shutting down. A job that meets one runs again from its checkpoints instead of failing its phase.
 */
public final class ConnectionLoss {

    /** admin_shutdown, crash_shutdown, cannot_connect_now (class 57); class 08 is connection exceptions. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private ConnectionLoss() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The interruption that makes the job run again later, naming what it was doing. */
    public static JobInterruption interruption(String doing, Throwable failure) {
        return JobInterruption.runAgainLater("lost the database connection while " + doing + " ("
                + failure.getMessage() + "); going on from the last checkpoint", failure);
    }
}
