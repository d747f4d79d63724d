package io.jsonmig.notification.timeline;

import io.jsonmig.events.Phase;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.RunState;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

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
     * Phases come back in flow order, whatever order the jsonb column kept their keys in.
     */
    static RunState read(String json) {
        RunState stored;
        try {
            stored = EventJson.mapper().readValue(json, RunState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run state is not readable: " + e.getOriginalMessage(), e);
        }
        Map<Phase, PhaseState> phases = new EnumMap<>(Phase.class);
        phases.putAll(stored.phases());
        return new RunState(stored.migrationId(), stored.status(), stored.phase(), stored.spec(), stored.attempt(),
                stored.startedAt(), stored.updatedAt(), Collections.unmodifiableMap(phases), stored.timeline(),
                stored.progress(), stored.failureReason(), stored.rollbackTrigger(), stored.rowsLoaded(),
                stored.checks(), stored.rollbackActions(), Set.of());
    }
}
