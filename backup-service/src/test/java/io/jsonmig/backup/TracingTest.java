package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.tracing.OtlpReceiver;
import io.jsonmig.testing.tracing.OtlpReceiverResource;
import io.jsonmig.testing.tracing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With JSONMIG_OTEL_ENDPOINT set, the service continues the trace a request arrives in: the record's span, the
 * backup job's span (run later on a job worker) and the record it publishes are one chain of parents and
 * children, and the published record carries the trace in its traceparent header.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OtlpReceiverResource.class)
class TracingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLI_SPAN_ID = "00f067aa0ba902b7";

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-backup-tracing-");
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void theBackupJobContinuesTheRequestsTraceAndHandsItOnInTheHeadersOfWhatItPublishes() throws IOException {
        EventEnvelope request = new BackupEvents(workDir).request("traced");
        probe.publish(request, "00-" + TRACE_ID + "-" + CLI_SPAN_ID + "-01");

        EventEnvelope completed = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        String traceparent = probe.traceparent(completed).orElseThrow();
        assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        String publishedBy = traceparent.substring(36, 52);

        OtlpReceiver receiver = OtlpReceiverResource.receiver();
        await().atMost(TIMEOUT).until(() -> receiver.trace(TRACE_ID).stream().anyMatch(s -> s.spanId().equals(publishedBy)));
        Map<String, ReceivedSpan> spans = receiver.trace(TRACE_ID).stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
        List<ReceivedSpan> chain = new ArrayList<>();
        for (ReceivedSpan span = spans.get(publishedBy); span != null; span = spans.get(span.parentSpanId())) {
            chain.add(span);
        }

        assertThat(chain).allSatisfy(span -> assertThat(span.service()).isEqualTo("backup-service"));
        assertThat(chain.get(0).kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
        assertThat(chain.get(0).name()).contains("jsonmig.backup.completed");
        assertThat(chain).extracting(ReceivedSpan::name).contains("job backup");
        ReceivedSpan job = chain.stream().filter(s -> s.name().equals("job backup")).findFirst().orElseThrow();
        assertThat(job.attribute("jsonmig.migration_id")).isEqualTo(request.migrationId());
        assertThat(job.attribute("jsonmig.attempt")).isEqualTo("1");
        ReceivedSpan first = chain.get(chain.size() - 1);
        assertThat(first.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        assertThat(first.name()).contains("jsonmig.migration.requested");
        assertThat(first.parentSpanId()).as("the consumer's span is a child of the CLI's").isEqualTo(CLI_SPAN_ID);
    }
}
