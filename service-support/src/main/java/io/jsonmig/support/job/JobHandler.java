package io.jsonmig.support.job;

import io.jsonmig.events.EventEnvelope;

/**
 * Long work a service does for an event, run as a durable job. A handler must be resumable: after a
 * crash the same event is handled again from the start, and the handler goes on from its own
 * checkpoints, publishing the same event ids. It turns its failures into events (phase failed, a failed
 * rollback step) and lets {@link JobInterruption}s through.
 */
public interface JobHandler {

    /** The name jobs are recorded under; recorded jobs refer to it, so it must not change. */
    String name();

    void run(EventEnvelope event, Cancellation cancellation);

    /**
     * The job will not finish: it threw an {@link Error} (out of memory, say), or its service died under
     * it more often than {@link JobsConfig#maxCrashes()}. It is recorded as failed and never runs again; the
     * handler reports what that means for the run (a failed phase, a failed rollback step), so the run
     * rolls back instead of waiting. It must not need much memory.
     */
    default void abandoned(EventEnvelope event, String reason) {
    }
}
