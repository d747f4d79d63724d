package io.jsonmig.cli.start;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the event that starts a run: keyed by the new migration id, acknowledged by every
 * in-sync replica, with the CloudEvents attributes as {@code ce_*} headers (binary mode, as the
 * services publish theirs).
 */
@ApplicationScoped
public class MigrationRequests {

    static final String PRODUCER = "jsonmig-cli";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClients kafka;
    private final Clock clock = Clock.systemUTC();

    public MigrationRequests(KafkaClients kafka) {
        this.kafka = kafka;
    }

    public EventEnvelope publish(RunSpec spec) {
        EventEnvelope event = EventEnvelope.of(MigrationIds.newId(clock), 1, PRODUCER, "",
                new MigrationRequested(spec), Instant.now(clock));
        ProducerRecord<String, EventEnvelope> record = new ProducerRecord<>(event.topic(), event.migrationId(), event);
        addCloudEventHeaders(record.headers(), event);
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
