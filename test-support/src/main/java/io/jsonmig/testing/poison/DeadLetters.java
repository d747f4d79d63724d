package io.jsonmig.testing.poison;

import io.jsonmig.events.Topics;
import io.jsonmig.testing.KafkaBrokerResource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@link Topics#DEAD_LETTERS} from its beginning and waits for the dead letter of a record.
 * Register it like {@code EventProbe}:
 * {@code @RegisterExtension static final DeadLetters deadLetters = DeadLetters.onTestBroker();}.
 */
public final class DeadLetters implements BeforeAllCallback, AfterAllCallback {

    private KafkaConsumer<String, byte[]> consumer;
    private final List<DeadLetter> seen = new ArrayList<>();

    private DeadLetters() {
    }

    public static DeadLetters onTestBroker() {
        return new DeadLetters();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        consumer.close(Duration.ofSeconds(5));
        seen.clear();
    }

    /**
     * Waits for the poison's dead letter and checks that it is the very record published, with the
     * headers it was published with, and a reason that says what is wrong with it.
     */
    public DeadLetter assertDeadLettered(PoisonRecord poison, Duration timeout) {
        DeadLetter dead = awaitFor(poison.topic(), poison.key(), timeout);
        assertThat(dead.reason()).as("reason of %s", poison).contains(poison.reason());
        assertThat(dead.value()).as("value of %s", poison).isEqualTo(poison.value());
        assertThat(dead.consumer()).as("the service that wrote the dead letter of %s", poison).isNotBlank();
        poison.headers().forEach((name, value) ->
                assertThat(dead.header(name)).as("header %s of %s", name, poison).contains(value));
        return dead;
    }

    /** Waits for the dead letter of the record read from the topic with this key. */
    public DeadLetter awaitFor(String topic, String key, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<DeadLetter> found = of(topic, key);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no dead letter of " + topic + " with key " + key + " within " + timeout
                        + "; dead letters seen: " + seen.stream().map(d -> d.key() + " from "
                        + d.header(DeadLetter.TOPIC).orElse("?")).toList());
            }
            poll();
        }
    }

    /** The dead letters of records read from the topic with this key, received so far. */
    public List<DeadLetter> of(String topic, String key) {
        poll();
        return seen.stream().filter(d -> key.equals(d.key()) && d.header(DeadLetter.TOPIC).orElse("").equals(topic))
                .toList();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new DeadLetter(record.key(), record.value(), Arrays.asList(record.headers().toArray())));
        }
    }
}
