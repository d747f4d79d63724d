package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import java.util.List;

/**
 * A phase could not finish. Followed by a rollback request from the same service.
 *
 * @param reason   one line for people
 * @param problems every problem found, each naming the file, record or setting concerned
 */
public record PhaseFailed(Phase phase, String reason, List<String> problems, RunSpec spec) implements EventPayload {

    @Override
    public String describe() {
        return phase.name().toLowerCase() + " failed: " + reason;
    }
}
