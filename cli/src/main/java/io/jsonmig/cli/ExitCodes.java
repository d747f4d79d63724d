package io.jsonmig.cli;

/** Exit codes of every command; {@code watch} and {@code demo} report the run's outcome with them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Bad arguments, bad configuration, or a broker, database or service that cannot be reached. */
    public static final int ERROR = 1;
    public static final int ROLLED_BACK = 2;
    /** A compensation failed: an operator must look. */
    public static final int FAILED = 3;
    /**
     * {@code watch}: not finished in time, or no such run; {@code abort}, {@code retry}, {@code status ID},
     * {@code report}: no such run.
     */
    public static final int TIMEOUT = 4;
    /** {@code plan}: the plan leaves a field unmapped, a collection without a table, or a required column unfilled. */
    public static final int PLAN_INCOMPLETE = 5;
    /** {@code abort}, {@code retry}: the run's status does not allow it (e.g. a retry of a run not rolled back). */
    public static final int REFUSED = 6;
    /** {@code report}: the run has not been verified (yet), so there is no report to show. */
    public static final int NO_REPORT = 7;
    /** {@code preflight}: at least one check of the checklist failed. */
    public static final int PREFLIGHT_FAILED = 8;

    private ExitCodes() {
    }
}
