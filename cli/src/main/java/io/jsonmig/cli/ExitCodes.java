package io.jsonmig.cli;

/** Exit codes of every command; {@code watch} and {@code demo} report the run's outcome with them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Bad arguments, bad configuration, or a broker, database or service that cannot be reached. */
    public static final int ERROR = 1;
    public static final int ROLLED_BACK = 2;
    /** A compensation failed: an operator must look. */
    public static final int FAILED = 3;
    public static final int TIMEOUT = 4;
    /** {@code plan}: the plan leaves a field unmapped, a collection without a table, or a required column unfilled. */
    public static final int PLAN_INCOMPLETE = 5;

    private ExitCodes() {
    }
}
