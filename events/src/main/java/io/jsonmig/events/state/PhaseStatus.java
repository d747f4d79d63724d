package io.jsonmig.events.state;

/** A phase moves from PENDING to RUNNING to one of the two end states, and never back. */
public enum PhaseStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
