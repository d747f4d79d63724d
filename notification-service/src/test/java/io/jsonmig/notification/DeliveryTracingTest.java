package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.tracing.OtlpReceiver;
import io.jsonmig.testing.tracing.OtlpReceiverResource;
import io.jsonmig.testing.tracing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each attempt to send a run's message is a span in the trace of the event the message is about, though it
 * is sent later by the delivery worker: the tracing backend shows which message went where, when, and how.
 */
@QuarkusTest
@TestProfile(DeliveryTracingTest.LogSubscription.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OtlpReceiverResource.class)
class DeliveryTracingTest {

    /** Stakeholders' messages go to the service's log. */
    public static class LogSubscription implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.notification.subscriptions.traced.audience", "stakeholders",
                    "jsonmig.notification.subscriptions.traced.channel", "log");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLI_SPAN_ID = "b7ad6b7169203331";

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Test
    void sendingARunsAnnouncementIsASpanInTheTraceOfTheRequest() {
        BlogRun run = BlogRun.startingAt(Instant.now());
        EventEnvelope requested = probe.publish(run.requested(), "00-" + TRACE_ID + "-" + CLI_SPAN_ID + "-01");

        OtlpReceiver receiver = OtlpReceiverResource.receiver();
        await().atMost(TIMEOUT).until(() -> receiver.trace(TRACE_ID).stream()
                .anyMatch(span -> span.name().equals("deliver log")));
        Map<String, ReceivedSpan> spans = receiver.trace(TRACE_ID).stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
        ReceivedSpan delivery = spans.values().stream().filter(span -> span.name().equals("deliver log"))
                .findFirst().orElseThrow();

        assertThat(delivery.service()).isEqualTo("notification-service");
        assertThat(delivery.attribute("jsonmig.migration_id")).isEqualTo(requested.migrationId());
        assertThat(delivery.attribute("jsonmig.delivery.channel")).isEqualTo("log");
        assertThat(delivery.attribute("jsonmig.delivery.subscription")).isEqualTo("traced");
        assertThat(delivery.attribute("jsonmig.delivery.audience")).isEqualTo("stakeholders");
        assertThat(delivery.attribute("jsonmig.delivery.attempt")).isEqualTo("1");
        assertThat(delivery.attribute("jsonmig.delivery.outcome")).isEqualTo("sent");
        List<ReceivedSpan> above = new ArrayList<>();
        for (ReceivedSpan span = spans.get(delivery.parentSpanId()); span != null; span = spans.get(span.parentSpanId())) {
            above.add(span);
        }
        assertThat(above).as("the spans above the delivery").isNotEmpty();
        ReceivedSpan consumed = above.get(above.size() - 1);
        assertThat(consumed.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        assertThat(consumed.name()).contains("jsonmig.migration.requested");
        assertThat(consumed.parentSpanId()).as("the record's span is a child of the CLI's").isEqualTo(CLI_SPAN_ID);
    }
}
