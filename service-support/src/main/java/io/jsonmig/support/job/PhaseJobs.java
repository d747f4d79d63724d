package io.jsonmig.support.job;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.logging.RunContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What a listener does with an event that asks for long work: record it as a job and return, so that
 * the record is acknowledged at once and the partition keeps moving; a {@link JobWorker} runs it.
 * Each method is a no-op for an event handled before (the processed-event ledger).
 */
@ApplicationScoped
public class PhaseJobs {

    private final JobStore store;
    private final JobWorker worker;

    public PhaseJobs(JobStore store, JobWorker worker) {
        this.store = store;
        this.worker = worker;
    }

    /** Forward work of a run (a phase): runs now, unless the run's attempt is being rolled back. */
    public boolean submit(EventEnvelope event, String handler) {
        return submitAt(event, handler, Instant.EPOCH);
    }

    /** Forward work that must not begin before {@code notBefore} (a maintenance window). */
    public boolean submitAt(EventEnvelope event, String handler, Instant notBefore) {
        return RunContext.call(event, () -> recorded(store.record(event, handler, false, notBefore)));
    }

    /**
     * The compensation of a run: cancels the run's forward jobs (a running one stops at its next
     * checkpoint) and runs after them.
     */
    public boolean submitCompensation(EventEnvelope rollback, String handler) {
        return RunContext.call(rollback, () -> recorded(store.record(rollback, handler, true, Instant.EPOCH)));
    }

    /**
     * A rollback of a run in a service that has nothing of its own to undo: its forward jobs are
     * cancelled, and none starts for the attempt from now on.
     */
    public boolean noteRollback(EventEnvelope rollback) {
        return RunContext.call(rollback, () -> recorded(store.record(rollback, NoteRollback.NAME, true, Instant.EPOCH)));
    }

    private boolean recorded(boolean recorded) {
        if (recorded) {
            worker.wake();
        }
        return recorded;
    }
}
