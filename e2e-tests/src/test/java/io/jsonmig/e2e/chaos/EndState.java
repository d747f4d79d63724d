package io.jsonmig.e2e.chaos;

/** How a chaos run ended, as its events say; only the first two can be correct. */
enum EndState {
    /** cutover.ready: the rows must equal the source's. */
    COMPLETED,
    /** datasource.reverted: the target and the JSON files must be as before the run. */
    ROLLED_BACK,
    /** a rollback.step-completed with succeeded=false: an operator is needed. */
    ROLLBACK_FAILED,
    /** both cutover.ready and datasource.reverted. */
    CONTRADICTORY,
    /** neither within the run's timeout. */
    STUCK
}
