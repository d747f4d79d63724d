package io.jsonmig.cli.runs;

import io.jsonmig.cli.kafka.AttemptTrace;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.cli.CliException;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.serde.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the broker holds about runs right now: every record of the run topics from the beginning up to
 * the end offsets captured when reading starts (nothing waits for more), without a consumer group, read
 * as the services read them ({@link EventJson#fromRecord}: a record that is not a valid event of its
 * topic is skipped and counted).
 */
@ApplicationScoped
public class RunEventLog {

    /** The run topics without the high-volume progress topic: enough to know every run's status. */
    static final List<String> STATE_TOPICS = Topics.RUN_EVENT_TOPICS.stream()
            .filter(topic -> !topic.equals(Topics.PROGRESS)).toList();

    private static final Duration POLL = Duration.ofMillis(500);
    /** Reading gives up when a poll brings nothing for this long plus three Kafka timeouts. */
    private static final Duration STALL = Duration.ofSeconds(10);

    private final KafkaClients kafka;

    public RunEventLog(KafkaClients kafka) {
        this.kafka = kafka;
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    /** Every run the broker holds, folded from its events except progress. */
    public RunLog allRuns(PrintWriter err) {
        return read(STATE_TOPICS, key -> true, err);
    }

    /** One run, with its latest progress per item when {@code withProgress}. */
    public RunLog run(String migrationId, boolean withProgress, PrintWriter err) {
        MigrationIds.requireValid(migrationId);
        return read(withProgress ? Topics.RUN_EVENT_TOPICS : STATE_TOPICS, migrationId::equals, err);
    }

    private RunLog read(List<String> topics, Predicate<String> runFilter, PrintWriter err) {
        Map<String, List<EventEnvelope>> byRun = new HashMap<>();
        Map<String, Map<Integer, String>> traces = new HashMap<>();
        Skipped skipped = new Skipped();
        Set<String> missing;
        try (Consumer<String, byte[]> consumer = kafka.recordReader()) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(kafka.timeout());
            missing = new LinkedHashSet<>();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = existing.getOrDefault(topic, List.of());
                if (infos.isEmpty()) {
                    missing.add(topic);
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Duration allowed = kafka.timeout().multipliedBy(3).plus(STALL);
                Instant giveUp = Instant.now().plus(allowed);
                while (!reached(consumer, ends)) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        giveUp = Instant.now().plus(allowed);
                    } else if (Instant.now().isAfter(giveUp)) {
                        throw new CliException("could not read the run topics from Kafka at " + kafka.bootstrap()
                                + ": nothing arrived for " + allowed.toSeconds() + "s");
                    }
                    for (ConsumerRecord<String, byte[]> record : records) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= ends.getOrDefault(partition, Long.MAX_VALUE)
                                || record.key() != null && !runFilter.test(record.key())) {
                            continue;
                        }
                        try {
                            EventEnvelope event = EventJson.fromRecord(record.topic(), record.value());
                            if (runFilter.test(event.migrationId())) {
                                byRun.computeIfAbsent(event.migrationId(), id -> new ArrayList<>()).add(event);
                                attemptTrace(record, event).ifPresent(trace -> traces
                                        .computeIfAbsent(event.migrationId(), id -> new HashMap<>())
                                        .putIfAbsent(event.attempt(), trace));
                            }
                        } catch (InvalidEventException e) {
                            skipped.add(record, e);
                        }
                    }
                }
            }
        } catch (KafkaException e) {
            throw kafka.unreachable(e);
        }
        skipped.report(err);
        Map<String, RunHistory> runs = new HashMap<>();
        byRun.forEach((id, events) -> runs.put(id, RunHistory.of(id, events, traces.getOrDefault(id, Map.of()))));
        return new RunLog(kafka.bootstrap(), runs, missing, missing.size() == topics.size());
    }

    /** The trace id an attempt's first event carries in its traceparent header ({@link AttemptTrace}). */
    private static java.util.Optional<String> attemptTrace(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        if (event.type() != io.jsonmig.events.EventType.MIGRATION_REQUESTED
                && event.type() != io.jsonmig.events.EventType.RETRY_REQUESTED) {
            return java.util.Optional.empty();
        }
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(AttemptTrace.HEADER);
        return header == null ? java.util.Optional.empty()
                : AttemptTrace.traceId(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Records that are not valid events of their topic: counted, the first one named. */
    private static final class Skipped {
        private int count;
        private String first;

        void add(ConsumerRecord<String, byte[]> record, InvalidEventException e) {
            if (count++ == 0) {
                first = record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage();
            }
        }

        void report(PrintWriter err) {
            if (count > 0) {
                err.printf("skipped %d record(s) that are not valid events (the services skip them too); first: %s%n",
                        count, first);
                err.flush();
            }
        }
    }
}
