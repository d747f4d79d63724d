package io.jsonmig.e2e.monitoring;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.tracing.OtlpReceiver;
import io.jsonmig.testing.tracing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run attempt's trace as the services exported it to an {@link OtlpReceiver}, against the run's records as
 * the broker holds them (read by the probe's plain consumer): the CLI's traceparent on migration.requested names
 * the trace, every record of the attempt carries it, and each hop from one service to the next is a producer
 * span in the publisher and a consumer span, its child, in the consumer.
 */
public final class RunTrace {

    private static final Set<String> SERVICES = Set.of("backup-service", "migration-service", "verification-service",
            "notification-service");

    private final String traceId;
    private final List<EventEnvelope> events;
    private final Map<String, String> traceparents;
    private final Map<String, ReceivedSpan> spans;

    private RunTrace(String traceId, List<EventEnvelope> events, Map<String, String> traceparents,
                     Map<String, ReceivedSpan> spans) {
        this.traceId = traceId;
        this.events = events;
        this.traceparents = traceparents;
        this.spans = spans;
    }

    /** The attempt's records and the spans exported so far (the exporters send in batches: assert in an await). */
    public static RunTrace of(String migrationId, EventProbe probe, OtlpReceiver receiver) {
        List<EventEnvelope> events = probe.eventsOf(migrationId);
        EventEnvelope requested = events.stream().filter(e -> e.type() == EventType.MIGRATION_REQUESTED).findFirst()
                .orElseThrow();
        String cli = probe.traceparent(requested).orElseThrow(
                () -> new AssertionError("migration.requested of " + migrationId + " has no traceparent header"));
        assertThat(cli).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = cli.substring(3, 35);
        Map<String, String> traceparents = events.stream().filter(e -> probe.traceparent(e).isPresent())
                .collect(Collectors.toMap(EventEnvelope::eventId, e -> probe.traceparent(e).orElseThrow(), (a, b) -> a));
        Map<String, ReceivedSpan> spans = receiver.trace(traceId).stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
        return new RunTrace(traceId, events, traceparents, spans);
    }

    public String traceId() {
        return traceId;
    }

    /** Every record of the attempt, progress included, carries the trace the CLI began. */
    public void assertEveryRecordCarriesTheTrace() {
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(traceparents.get(event.eventId()))
                .as("traceparent of %s %s", event.type().wireName(), event.eventId())
                .isNotNull().startsWith("00-" + traceId + "-"));
        assertThat(spans.values()).extracting(ReceivedSpan::service).containsAll(SERVICES);
    }

    /**
     * Each record a service published (but the CLI's) was sent in a producer span of that service, and each of
     * those hops is consumed in a consumer span of another service whose parent is that producer span.
     */
    public void assertEveryHopIsAParentAndChild() {
        for (EventEnvelope event : events) {
            if (event.type() == EventType.MIGRATION_REQUESTED) {
                ReceivedSpan backupReceives = consumerOf(traceparents.get(event.eventId()), "backup-service");
                assertThat(backupReceives.name()).contains(event.topic());
                continue;
            }
            ReceivedSpan producer = spans.get(spanId(traceparents.get(event.eventId())));
            assertThat(producer).as("the producer span of %s", event.type().wireName()).isNotNull();
            assertThat(producer.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
            assertThat(producer.service()).isEqualTo(event.producer());
            assertThat(producer.name()).contains(event.topic());
            // the notification-service consumes every run topic
            consumerOf(traceparents.get(event.eventId()), "notification-service");
        }
        EventEnvelope backup = only(EventType.BACKUP_COMPLETED);
        consumerOf(traceparents.get(backup.eventId()), "migration-service");
        consumerOf(traceparents.get(only(EventType.DATA_MIGRATED).eventId()), "verification-service");
    }

    /**
     * The phases ran in job spans continuing the trace, what they published is a child of the job, and the load
     * and the verification have a span per table.
     */
    public void assertJobsAndTablesHaveSpans(List<String> tables) {
        for (EventType published : List.of(EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED,
                EventType.VERIFICATION_PASSED)) {
            ReceivedSpan producer = spans.get(spanId(traceparents.get(only(published).eventId())));
            assertThat(ancestors(producer)).as("the spans above %s", published.wireName())
                    .anySatisfy(span -> assertThat(span.name()).startsWith("job "));
        }
        for (String table : tables) {
            assertThat(spans.values()).as("the load of %s", table).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("migration-service");
                // the load names the target table as it is qualified in the database
                assertThat(span.name()).isEqualTo("load public." + table);
                assertThat(span.attribute("jsonmig.table")).isEqualTo("public." + table);
                assertThat(ancestors(span)).anySatisfy(a -> assertThat(a.name()).isEqualTo("job migration"));
            });
            assertThat(spans.values()).as("the verification of %s", table).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("verification-service");
                assertThat(span.name()).isEqualTo("verify " + table);
            });
        }
    }

    private ReceivedSpan consumerOf(String traceparent, String service) {
        String parent = spanId(traceparent);
        return spans.values().stream()
                .filter(s -> s.service().equals(service) && s.kind() == SpanKind.SPAN_KIND_CONSUMER
                        && s.parentSpanId().equals(parent))
                .findFirst().orElseThrow(() -> new AssertionError("no consumer span of " + service + " whose parent is "
                        + parent + " (" + traceparent + "); spans: " + spans.values()));
    }

    private List<ReceivedSpan> ancestors(ReceivedSpan span) {
        List<ReceivedSpan> chain = new java.util.ArrayList<>();
        for (ReceivedSpan s = spans.get(span.parentSpanId()); s != null; s = spans.get(s.parentSpanId())) {
            chain.add(s);
        }
        return chain;
    }

    private EventEnvelope only(EventType type) {
        List<EventEnvelope> found = events.stream().filter(e -> e.type() == type).toList();
        assertThat(found).as(type.wireName()).hasSize(1);
        return found.get(0);
    }

    private static String spanId(String traceparent) {
        return traceparent.substring(36, 52);
    }
}
