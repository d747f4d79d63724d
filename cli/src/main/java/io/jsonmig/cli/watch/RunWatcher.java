package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.CliConfig;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.serde.InvalidEventException;
import io.jsonmig.events.state.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows one run through Kafka: reads every run topic from the beginning (no consumer group, so
 * nothing is committed and any number of watchers can look), keeps the run's records by key, and
 * stops once the run is finished and everything already published about it has been read.
 *
 * <p>What was on the broker when the watch started (its backlog) is read completely before any of
 * it is printed, so an old run's timeline comes out in occurrence order however the polls split
 * it; after that each new event is printed as it arrives. A run topic that does not exist yet is
 * looked for again every {@link #RELIST_INTERVAL}. A run with no event in the backlog and none
 * within the grace period after it is reported as not found.
 */
@ApplicationScoped
public class RunWatcher {

    private static final Duration POLL = Duration.ofMillis(500);
    /** After the run finished: how long to keep reading the records that were already there. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    static final Duration RELIST_INTERVAL = Duration.ofSeconds(5);
    static final Duration DEFAULT_UNKNOWN_RUN_GRACE = Duration.ofSeconds(15);

    private final KafkaClients kafka;
    private final Duration unknownRunGrace;
    private final List<String> topics;
    private final Duration relistInterval;

    @Inject
    public RunWatcher(KafkaClients kafka, CliConfig config) {
        this(kafka, config.watch().unknownRunGrace());
    }

    public RunWatcher(KafkaClients kafka) {
        this(kafka, DEFAULT_UNKNOWN_RUN_GRACE);
    }

    public RunWatcher(KafkaClients kafka, Duration unknownRunGrace) {
        this(kafka, unknownRunGrace, Topics.RUN_EVENT_TOPICS, RELIST_INTERVAL);
    }

    /** @param topics the topics to read, by default {@link Topics#RUN_EVENT_TOPICS} */
    RunWatcher(KafkaClients kafka, Duration unknownRunGrace, List<String> topics, Duration relistInterval) {
        this.kafka = kafka;
        this.unknownRunGrace = unknownRunGrace;
        this.topics = List.copyOf(topics);
        this.relistInterval = relistInterval;
    }

    /** Watches with the plain line output on {@code out}. */
    public WatchResult watch(String migrationId, Duration timeout, PrintWriter out, PrintWriter err) {
        return watch(migrationId, timeout, new PlainTimeline(out), err);
    }

    /**
     * Follows the run until it is finished, the timeout passes or it turns out unknown, showing it on
     * {@code display} after every poll once its past has been read; {@code err} gets the watch's own
     * messages. The caller ends the display ({@link RunDisplay#finish}).
     */
    public WatchResult watch(String migrationId, Duration timeout, RunDisplay display, PrintWriter err) {
        MigrationIds.requireValid(migrationId);
        Instant deadline = Instant.now().plus(timeout);
        RunFollower follower = new RunFollower(migrationId, display);
        try (Consumer<String, byte[]> consumer = kafka.recordReader()) {
            Set<String> missing = assignNew(consumer, true, err);
            Map<TopicPartition, Long> backlog = consumer.endOffsets(consumer.assignment());
            List<EventEnvelope> backlogEvents = new ArrayList<>();
            boolean caughtUp = backlog.isEmpty();
            Instant unknownAfter = Instant.now().plus(unknownRunGrace);
            Instant nextListing = Instant.now().plus(relistInterval);
            while (!follower.finished() && Instant.now().isBefore(deadline)) {
                Duration left = Duration.between(Instant.now(), deadline);
                List<EventEnvelope> events = runEvents(consumer, migrationId, left.compareTo(POLL) < 0 ? left : POLL,
                        err);
                Instant now = Instant.now();
                if (caughtUp) {
                    follower.fold(events);
                } else {
                    backlogEvents.addAll(events);
                    if (reached(consumer, backlog)) {
                        // the run's past folded at once, in occurrence order: its phases get their real durations
                        follower.fold(backlogEvents);
                        backlogEvents.clear();
                        caughtUp = true;
                        unknownAfter = now.plus(unknownRunGrace);
                    }
                }
                if (caughtUp) {
                    follower.print(now);
                    if (follower.eventsSeen() == 0 && !now.isBefore(unknownAfter)) {
                        return follower.result(WatchOutcome.NOT_FOUND);
                    }
                }
                if (!missing.isEmpty() && !now.isBefore(nextListing)) {
                    missing = assignNew(consumer, false, err);
                    nextListing = now.plus(relistInterval);
                }
            }
            follower.fold(backlogEvents); // the timeout passed before the backlog was read
            if (follower.finished()) {
                drain(consumer, migrationId, follower, err);
            }
            follower.print(Instant.now());
        } catch (KafkaException e) {
            throw kafka.unreachable(e);
        }
        return follower.result();
    }

    /**
     * The run as the broker knows it now: every record of it already published, from every run topic,
     * folded; nothing waits for more. A run the broker holds no event of comes back with none seen.
     */
    public RunState current(String migrationId, PrintWriter err) {
        MigrationIds.requireValid(migrationId);
        RunFollower follower = new RunFollower(migrationId, RunDisplay.NONE);
        try (Consumer<String, byte[]> consumer = kafka.recordReader()) {
            assignNew(consumer, true, err);
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            Duration allowed = kafka.timeout().multipliedBy(3).plus(DRAIN);
            Instant deadline = Instant.now().plus(allowed);
            List<EventEnvelope> events = new ArrayList<>();
            while (!reached(consumer, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new CliException("could not read the events of run " + migrationId + " from Kafka at "
                            + kafka.bootstrap() + " within " + allowed.toSeconds() + "s");
                }
                events.addAll(runEvents(consumer, migrationId, POLL, err));
            }
            follower.fold(events);
        } catch (KafkaException e) {
            throw kafka.unreachable(e);
        }
        return follower.state();
    }

    /**
     * Assigns the partitions of the run topics that are not assigned yet, from their beginning.
     *
     * @return the run topics the broker does not have (yet)
     */
    private Set<String> assignNew(Consumer<String, byte[]> consumer, boolean first, PrintWriter err) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(kafka.timeout());
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = existing.getOrDefault(topic, List.of());
            if (partitions.isEmpty()) {
                missing.add(topic);
            }
            for (PartitionInfo p : partitions) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (first && added.isEmpty()) {
            throw new CliException("Kafka at " + kafka.bootstrap() + " has none of the jsonmig topics ("
                    + Topics.PREFIX + "*): start the stack with 'jsonmig stack up' or point JSONMIG_KAFKA_BOOTSTRAP "
                    + "at the broker the services use");
        }
        if (!added.isEmpty()) {
            List<TopicPartition> all = new ArrayList<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
        if (first && !missing.isEmpty()) {
            err.printf("Kafka at %s has no topic %s yet: looking for it every %ds%n", kafka.bootstrap(),
                    String.join(", ", missing), relistInterval.toSeconds());
            err.flush();
        } else if (!first && !added.isEmpty()) {
            err.printf("reading the topic(s) that appeared: %s%n", String.join(", ",
                    added.stream().map(TopicPartition::topic).distinct().toList()));
            err.flush();
        }
        return missing;
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Reads until every partition reaches the end it had when the run finished: late siblings of the last event. */
    private void drain(Consumer<String, byte[]> consumer, String migrationId, RunFollower follower,
                       PrintWriter err) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline) && !reached(consumer, ends)) {
            follower.fold(runEvents(consumer, migrationId, POLL, err));
        }
    }

    private static List<EventEnvelope> runEvents(Consumer<String, byte[]> consumer, String migrationId,
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
