package io.jsonmig.notification.timeline;

import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.state.RunState;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The stored form of a folded {@link RunState}: JSON by the events module's rules. */
final class RunStateJson {

    private RunStateJson() {
    }

    static String write(RunState state) {
        try {
            return EventJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of run " + state.migrationId(), e);
        }
    }

    /**
     * Reads a stored state. The JSON leaves out which event ids were folded in; they are not needed,
     * because a redelivered event is dropped by its primary key before it reaches the state machine.
     */
    static RunState read(String json) {
        try {
            return EventJson.mapper().readValue(json, RunState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run state is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
