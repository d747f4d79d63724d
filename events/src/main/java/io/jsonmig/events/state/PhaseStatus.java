package io.jsonmig.events.state;

/** A phase moves from PENDING to RUNNING to one of the end states, and never back. */
public enum PhaseStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Not run on purpose: the cut-over of a dry run. */
    SKIPPED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}
