package io.jsonmig.events.payload;

/** Why a run's stabilization window ended. */
public enum Finalization {
    /** The window passed without a rollback (verification-service, which keeps the window). */
    WINDOW_ELAPSED,
    /** An operator ended it early ({@code ./jsonmig finalize ID}). */
    OPERATOR
}
