package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A phase could not finish. Followed by a rollback request from the same service.
 *
 * @param reason   one line for people
 * @param problems every problem found, each naming the file, record or setting concerned
 */
public record PhaseFailed(@JsonProperty(required = true) Phase phase,
                          @JsonProperty(required = true) String reason,
                          List<String> problems,
                          RunSpec spec) implements EventPayload {

    @Override
    public String describe() {
        return phase.name().toLowerCase() + " failed: " + reason;
    }
}
