package io.jsonmig.support.job;

import io.jsonmig.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;

/** The job of a rollback noted by a service with nothing to undo: recording it was its whole effect. */
@ApplicationScoped
public class NoteRollback implements JobHandler {

    static final String NAME = "note-rollback";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(EventEnvelope rollback, Cancellation cancellation) {
        // The rollback's job ends the run's forward jobs by its place in the queue: nothing else to do.
    }

    /** Nothing to tell: recording the rollback was its whole effect, and nobody waits for this job's end. */
    @Override
    public void abandoned(EventEnvelope rollback, String reason) {
    }
}
