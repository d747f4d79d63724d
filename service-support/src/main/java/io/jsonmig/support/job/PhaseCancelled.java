package io.jsonmig.support.job;

/** The run is being rolled back: its phase stops at this checkpoint and publishes nothing more. */
public final class PhaseCancelled extends JobInterruption {

    public PhaseCancelled(String reason) {
        super(reason, null, false);
    }
}
