package io.jsonmig.events.state;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.jsonmig.events.TestEvents.MIGRATION_ID;
import static io.jsonmig.events.TestEvents.at;
import static io.jsonmig.events.TestEvents.cutoverReady;
import static io.jsonmig.events.TestEvents.driftClean;
import static io.jsonmig.events.TestEvents.driftFound;
import static io.jsonmig.events.TestEvents.event;
import static io.jsonmig.events.TestEvents.happyPath;
import static org.assertj.core.api.Assertions.assertThat;

/** A folded state is stored as JSON (notification-service) and must fold on after it is read back. */
class RunStateJsonTest {

    @Test
    void aStateReadBackFromJsonEqualsTheFoldedOneButForTheSeenEventIds() throws Exception {
        RunState folded = RunStateMachine.replay(MIGRATION_ID, happyPath());

        RunState read = EventJson.mapper().readValue(EventJson.mapper().writeValueAsString(folded), RunState.class);

        assertThat(read.seenEventIds()).isEmpty();
        assertThat(read).usingRecursiveComparison().ignoringFields("seenEventIds").isEqualTo(folded);
        assertThat(read.phases().keySet()).containsExactly(Phase.values());
    }

    @Test
    void aDriftAndItsWarningSurviveTheJsonForm() throws Exception {
        List<EventEnvelope> events = new ArrayList<>(happyPath());
        events.add(event(driftFound(), at(5)));
        RunState folded = RunStateMachine.replay(MIGRATION_ID, events);

        RunState read = EventJson.mapper().readValue(EventJson.mapper().writeValueAsString(folded), RunState.class);

        assertThat(read.drift()).isEqualTo(folded.drift());
        assertThat(read.warnings()).isEqualTo(folded.warnings()).hasSize(1);
        assertThat(RunStateMachine.apply(read, event("later", driftClean(), at(6))).warnings()).isEmpty();
    }

    @Test
    void phasesComeBackInFlowOrderWhateverTheStoredOrder() throws Exception {
        ObjectNode json = EventJson.mapper().valueToTree(RunState.initial(MIGRATION_ID));
        ObjectNode phases = (ObjectNode) json.get("phases");
        ObjectNode reversed = json.objectNode();
        List<String> names = new ArrayList<>();
        phases.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        names.forEach(name -> reversed.set(name, phases.get(name)));
        json.set("phases", reversed);

        RunState read = EventJson.mapper().treeToValue(json, RunState.class);

        assertThat(names.get(0)).isEqualTo("ROLLBACK");
        assertThat(List.copyOf(read.phases().keySet())).containsExactly(Phase.values());
    }

    @Test
    void aStateReadBackKeepsFolding() throws Exception {
        List<EventEnvelope> events = happyPath();
        RunState partial = RunStateMachine.replay(MIGRATION_ID, events.subList(0, 4));
        RunState read = EventJson.mapper().readValue(EventJson.mapper().writeValueAsString(partial), RunState.class);

        RunState completed = RunStateMachine.apply(read, event(cutoverReady(), at(4)));

        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completed.timeline()).hasSize(5);
    }
}
