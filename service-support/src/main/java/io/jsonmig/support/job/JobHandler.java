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
     * The job will not finish: it threw an {@link Error} (out of memory, say), its service died under it
     * more often than {@link JobsConfig#maxCrashes()}, or it was interrupted {@link JobsConfig#maxStarts()}
     * times. It never runs again; the handler tells the run what that means in the way its phase or step
     * reports any failure (a failed phase, a failed rollback step), so that the run rolls back or ends
     * instead of waiting for ever. {@code reason} says what happened, for the operator.
     * <p>
     * It is called in place of {@link #run}, possibly in a new process, with as much memory as a report
     * needs and not more: it must not repeat the work. It publishes with the same event ids as the failure
     * {@link #run} would have reported, so a report that is called again (its publication failed, the
     * service stopped meanwhile) has no second effect. A {@link JobInterruption} it throws (the broker did
     * not take the event) makes the worker call it again later. Not called for a forward job that a
     * rollback cancelled: the compensation queued behind it reports the run's end.
     * <p>
     * Deliberately not a default method: a handler that says nothing leaves its run waiting for an event
     * that never comes.
     */
    void abandoned(EventEnvelope event, String reason);
}
