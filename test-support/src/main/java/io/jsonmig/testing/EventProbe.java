package io.jsonmig.testing;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.poison.PoisonRecord;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Publishes events and raw records to the real broker and waits for a run's events, the way the
 * operator CLI and the services do. Waits poll the broker until a condition holds or a timeout
 * passes; nothing sleeps.
 *
 * <p>A Quarkus test class registers one on the test broker as
 * {@code @RegisterExtension static final EventProbe probe = EventProbe.onTestBroker();}: it connects
 * before the class's first test (after the test resources started the broker) and closes after its last.
 */
public final class EventProbe implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private final List<EventEnvelope> seen = new ArrayList<>();
    /** The W3C traceparent header of each event received that had one, by event id. */
    private final Map<String, String> traceparents = new java.util.HashMap<>();

    public EventProbe(String bootstrapServers) {
        connect(bootstrapServers);
    }

    private EventProbe() {
    }

    /** A probe that connects to {@link KafkaBrokerResource}'s broker when its test class starts. */
    public static EventProbe onTestBroker() {
        return new EventProbe();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        connect(KafkaBrokerResource.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void connect(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Topics.RUN_EVENT_TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Publishes an event to its topic, keyed by migration id, and waits for the broker's acknowledgement. */
    public EventEnvelope publish(EventEnvelope event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.migrationId(),
                EventJson.toBytes(event));
        record.headers().add(new RecordHeader("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().cloudEventType().getBytes(StandardCharsets.UTF_8)));
        send(record);
        return event;
    }

    /** Publishes an event as {@link #publish(EventEnvelope)} does, in the trace {@code traceparent} names. */
    public EventEnvelope publish(EventEnvelope event, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.migrationId(),
                EventJson.toBytes(event));
        record.headers().add(new RecordHeader("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().cloudEventType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
        send(record);
        return event;
    }

    /** The traceparent header the record of a received event carried, if any. */
    public java.util.Optional<String> traceparent(EventEnvelope received) {
        poll();
        return java.util.Optional.ofNullable(traceparents.get(received.eventId()));
    }

    /** Publishes arbitrary bytes, e.g. a poison record. */
    public void publishRaw(String topic, String key, byte[] value) {
        publishRaw(topic, key, value, Map.of());
    }

    /** Publishes arbitrary bytes with these headers, and waits for the broker's acknowledgement. */
    public void publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        send(record);
    }

    public void publish(PoisonRecord poison) {
        publishRaw(poison.topic(), poison.key(), poison.value(), poison.headers());
    }

    /** Waits for the first event of the run and type, and returns it. */
    public EventEnvelope await(String migrationId, EventType type, Duration timeout) {
        return awaitMatching(migrationId, e -> e.type() == type, "a " + type.wireName() + " event", timeout);
    }

    /** Waits until an event of the run satisfies the condition, and returns it. */
    public EventEnvelope awaitMatching(String migrationId, Predicate<EventEnvelope> condition, String description,
                                       Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (EventEnvelope event : seen) {
                if (event.migrationId().equals(migrationId) && condition.test(event)) {
                    return event;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + description + " for run " + migrationId + " within " + timeout
                        + "; events seen: " + describe(eventsOf(migrationId)));
            }
            poll();
        }
    }

    /** Waits until {@code count} events of the run and type have arrived, and returns them in arrival order. */
    public List<EventEnvelope> awaitCount(String migrationId, EventType type, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<EventEnvelope> found = seen.stream()
                    .filter(e -> e.migrationId().equals(migrationId) && e.type() == type).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(count + " " + type.wireName() + " event(s) expected for run " + migrationId
                        + " within " + timeout + ", " + found.size() + " arrived; events seen: "
                        + describe(eventsOf(migrationId)));
            }
            poll();
        }
    }

    /** Every event of the run received so far, in arrival order. */
    public List<EventEnvelope> eventsOf(String migrationId) {
        poll();
        return seen.stream().filter(e -> e.migrationId().equals(migrationId)).toList();
    }

    /**
     * How many records the run topics hold now (the sum of their end offsets): unchanged across an action
     * means it published nothing.
     */
    public long recordsOnRunTopics() {
        return consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                EventEnvelope event = EventJson.fromRecord(record.topic(), record.value());
                seen.add(event);
                org.apache.kafka.common.header.Header traceparent = record.headers().lastHeader("traceparent");
                if (traceparent != null) {
                    traceparents.put(event.eventId(), new String(traceparent.value(), StandardCharsets.UTF_8));
                }
            } catch (RuntimeException poison) {
                // not an event (a poison record published by a test): not part of any run
            }
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    private static String describe(List<EventEnvelope> events) {
        return events.stream().map(e -> e.type().wireName() + " (" + e.payload().describe() + ")").toList().toString();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
            producer = null;
            consumer = null;
            seen.clear();
        }
    }
}
