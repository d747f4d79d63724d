package io.jsonmig.cli.kafka;

import io.jsonmig.cli.CliException;
import io.jsonmig.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an operator's event: keyed by its migration id, acknowledged by every in-sync replica,
 * with the CloudEvents attributes as {@code ce_*} headers (binary mode, as the services publish theirs)
 * and, with tracing on, the new attempt's traceparent beside them ({@link AttemptTrace}).
 */
@ApplicationScoped
public class RunEventSender {

    /** The producer of every event the CLI publishes. */
    public static final String PRODUCER = "jsonmig-cli";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClients kafka;
    private final boolean traced;

    @jakarta.inject.Inject
    public RunEventSender(KafkaClients kafka, io.jsonmig.cli.config.CliConfig config) {
        this(kafka, config.otel().endpoint().isPresent());
    }

    public RunEventSender(KafkaClients kafka, boolean traced) {
        this.kafka = kafka;
        this.traced = traced;
    }

    /** Returns once the broker acknowledged the record. */
    public EventEnvelope send(EventEnvelope event) {
        ProducerRecord<String, EventEnvelope> record = new ProducerRecord<>(event.topic(), event.migrationId(), event);
        addCloudEventHeaders(record.headers(), event);
        if (traced) {
            AttemptTrace.begunBy(event).ifPresent(traceparent -> header(record.headers(), AttemptTrace.HEADER, traceparent));
        }
        KafkaProducer<String, EventEnvelope> producer = kafka.eventProducer();
        try {
            producer.send(record).get(kafka.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while publishing " + event.type().wireName(), e);
        } catch (ExecutionException e) {
            throw kafka.unreachable(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw kafka.unreachable(e);
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
        return event;
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    static void addCloudEventHeaders(Headers headers, EventEnvelope event) {
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.eventId());
        header(headers, "ce_type", event.type().cloudEventType());
        header(headers, "ce_source", "urn:jsonmig:" + event.producer());
        header(headers, "ce_subject", event.migrationId());
        header(headers, "ce_time", event.occurredAt().toString());
        header(headers, "content-type", "application/json");
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
