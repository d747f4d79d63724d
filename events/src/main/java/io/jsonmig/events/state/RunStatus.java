package io.jsonmig.events.state;

/**
 * Where a run stands. A run's status only ever rises in this order, which is what makes the state
 * machine indifferent to late events: a success that arrives after a rollback began changes nothing.
 */
public enum RunStatus {
    /** Known only from events that came before the start event (out of order). */
    REQUESTED,
    RUNNING,
    /**
     * Cut over, within its stabilization window: the application runs on PostgreSQL and a rollback
     * still carries its writes back into the JSON files. Not finished: {@code run.finalized} ends it.
     */
    STABILIZING,
    /**
     * Verified and announced for cut-over, and its stabilization window over (or none); for a dry run,
     * verified and its throwaway schema removed.
     */
    COMPLETED,
    ROLLING_BACK,
    /** Target cleaned, JSON files confirmed, application told to use them again. */
    ROLLED_BACK,
    /** A compensation could not finish: an operator must look. */
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == ROLLED_BACK || this == FAILED;
    }

    /**
     * Whether no service is working on the run now: it is finished, or cut over and waiting in its
     * stabilization window for a clock or a person. {@code watch} stops here.
     */
    public boolean isSettled() {
        return isTerminal() || this == STABILIZING;
    }

    RunStatus raiseTo(RunStatus candidate) {
        return candidate.ordinal() > ordinal() ? candidate : this;
    }
}
