package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.serde.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows one run through Kafka: reads every run topic from the beginning (no consumer group, so
 * nothing is committed and any number of watchers can look), keeps the run's records by key, and
 * stops once the run is finished and everything already published about it has been read.
 */
@ApplicationScoped
public class RunWatcher {

    private static final Duration POLL = Duration.ofMillis(500);
    /** After the run finished: how long to keep reading the records that were already there. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final KafkaClients kafka;

    public RunWatcher(KafkaClients kafka) {
        this.kafka = kafka;
    }

    public WatchResult watch(String migrationId, Duration timeout, PrintWriter out, PrintWriter err) {
        MigrationIds.requireValid(migrationId);
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        RunFollower follower = new RunFollower(migrationId, out);
        try (KafkaConsumer<String, byte[]> consumer = kafka.recordReader()) {
            List<TopicPartition> partitions = runPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!follower.finished() && Instant.now().isBefore(deadline)) {
                Duration left = Duration.between(Instant.now(), deadline);
                follower.accept(runEvents(consumer, migrationId, left.compareTo(POLL) < 0 ? left : POLL, err),
                        Instant.now());
            }
            if (follower.finished()) {
                drain(consumer, partitions, migrationId, follower, err);
            }
        } catch (KafkaException e) {
            throw kafka.unreachable(e);
        }
        return follower.result(Duration.between(started, Instant.now()));
    }

    private List<TopicPartition> runPartitions(KafkaConsumer<String, byte[]> consumer) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(kafka.timeout());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Topics.RUN_EVENT_TOPICS) {
            for (PartitionInfo p : topics.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw new CliException("Kafka at " + kafka.bootstrap() + " has none of the jsonmig topics ("
                    + Topics.PREFIX + "*): start the stack with 'jsonmig stack up' or point JSONMIG_KAFKA_BOOTSTRAP "
                    + "at the broker the services use");
        }
        return partitions;
    }

    /** Reads until every partition reaches the end it had when the run finished: late siblings of the last event. */
    private void drain(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, String migrationId,
                       RunFollower follower, PrintWriter err) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)
                && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.getOrDefault(tp, 0L))) {
            follower.accept(runEvents(consumer, migrationId, POLL, err), Instant.now());
        }
    }

    private static List<EventEnvelope> runEvents(KafkaConsumer<String, byte[]> consumer, String migrationId,
                                                 Duration poll, PrintWriter err) {
        List<EventEnvelope> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(poll)) {
            if (!migrationId.equals(record.key())) {
                continue;
            }
            try {
                EventEnvelope event = EventJson.fromBytes(record.value());
                if (event.migrationId().equals(migrationId)) {
                    events.add(event);
                }
            } catch (InvalidEventException e) {
                err.printf("skipped an unreadable record of run %s at %s-%d@%d: %s%n", migrationId, record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                err.flush();
            }
        }
        return events;
    }
}
