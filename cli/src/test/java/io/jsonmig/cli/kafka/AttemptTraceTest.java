package io.jsonmig.cli.kafka;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.Phase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptTraceTest {

    private static final RunSpec SPEC = new RunSpec("/src", "/schema", null, "local", "ops");

    @Test
    void anEventThatBeginsAnAttemptBeginsANewSampledW3cTraceEveryTime() {
        EventEnvelope start = EventEnvelope.of("mig-20260105-0200-abcd", 1, "jsonmig-cli", "",
                new MigrationRequested(SPEC), Instant.now());
        Set<String> traceIds = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String traceparent = AttemptTrace.begunBy(start).orElseThrow();
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                    .doesNotContain("00000000000000000000000000000000");
            traceIds.add(AttemptTrace.traceId(traceparent).orElseThrow());
        }
        assertThat(traceIds).hasSize(100);
    }

    @Test
    void anyOtherEventStartsNoTrace() {
        EventEnvelope abort = EventEnvelope.of("mig-20260105-0200-abcd", 1, "jsonmig-cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "stop", Phase.MIGRATION, SPEC), Instant.now());
        assertThat(AttemptTrace.begunBy(abort)).isEmpty();
    }

    @Test
    void theTraceIdOfAHeaderThatIsNotATraceparentIsUnknown() {
        assertThat(AttemptTrace.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(AttemptTrace.traceId("garbage")).isEmpty();
        assertThat(AttemptTrace.traceId(null)).isEmpty();
    }
}
