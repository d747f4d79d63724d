package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The watcher on a real broker, without the command around it: events that arrive while it waits. */
class RunWatcherTest {

    @Test
    void printsEventsAsTheyArriveAndReturnsOnceTheRunIsFinished() throws Exception {
        RunEvents run = new RunEvents();
        StringWriter output = new StringWriter();
        RunWatcher watcher = new RunWatcher(new KafkaClients(KafkaBrokerResource.bootstrapServers(), Duration.ofSeconds(30)));
        try (EventProbe probe = new EventProbe(KafkaBrokerResource.bootstrapServers())) {
            probe.publish(run.requested(0));
            probe.publish(run.backupCompleted(1));

            CompletableFuture<WatchResult> watching = CompletableFuture.supplyAsync(() -> watcher.watch(run.id,
                    Duration.ofSeconds(60), new PrintWriter(output), new PrintWriter(new StringWriter())));
            await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("backup/backup.completed"));
            assertThat(watching).isNotDone();

            probe.publish(run.progress(2, "users", 40, 40));
            probe.publish(run.dataMigrated(3));
            probe.publish(run.verificationPassed(4));
            probe.publish(run.cutoverReady(4.2));
            WatchResult result = watching.get(30, TimeUnit.SECONDS);

            assertThat(result.outcome()).isEqualTo(WatchOutcome.COMPLETED);
            assertThat(result.tables()).extracting(t -> t.table() + "=" + t.rows())
                    .containsExactly("users=40", "posts=120", "comments=300");
            assertThat(result.reportLocation()).endsWith("/verifications/" + run.id);
            assertThat(result.startToCutover()).isEqualTo(Duration.ofMillis(4200));
            assertThat(result.eventsSeen()).isEqualTo(6);
            assertThat(output.toString()).contains("cutover/cutover.ready");
        }
    }

    @Test
    void anUnknownRunIsReportedNotFoundAfterTheGracePeriodRatherThanAtTheTimeout() {
        String id = new RunEvents().id;
        StringWriter output = new StringWriter();
        RunWatcher watcher = new RunWatcher(new KafkaClients(KafkaBrokerResource.bootstrapServers(),
                Duration.ofSeconds(30)), Duration.ofSeconds(2));

        long started = System.nanoTime();
        WatchResult result = watcher.watch(id, Duration.ofMinutes(5), new PrintWriter(output),
                new PrintWriter(new StringWriter()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        RunSummary.print(result, Duration.ofMinutes(5), new PrintWriter(output));

        assertThat(result.outcome()).isEqualTo(WatchOutcome.NOT_FOUND);
        assertThat(result.outcome().exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(output.toString()).contains("no run " + id + " found");
    }

    @Test
    void aRunTopicThatAppearsAfterTheWatchStartedIsRead() throws Exception {
        RunEvents run = new RunEvents();
        String late = "jsonmig.it-late-" + UUID.randomUUID().toString().substring(0, 8);
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        List<String> topics = new ArrayList<>(Topics.RUN_EVENT_TOPICS);
        topics.add(late);
        RunWatcher watcher = new RunWatcher(new KafkaClients(KafkaBrokerResource.bootstrapServers(),
                Duration.ofSeconds(30)), Duration.ofSeconds(15), topics, Duration.ofSeconds(1));
        try (EventProbe probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     KafkaBrokerResource.bootstrapServers()))) {
            probe.publish(run.requested(0));
            probe.publish(run.backupCompleted(1));
            probe.publish(run.dataMigrated(3));
            probe.publish(run.verificationPassed(4));

            CompletableFuture<WatchResult> watching = CompletableFuture.supplyAsync(() -> watcher.watch(run.id,
                    Duration.ofSeconds(60), new PrintWriter(output), new PrintWriter(errors)));
            await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("verification/verification.passed"));
            assertThat(errors.toString()).contains("has no topic " + late + " yet");

            admin.createTopics(List.of(new NewTopic(late, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            probe.publishRaw(late, run.id, EventJson.toBytes(run.cutoverReady(4.2)));
            WatchResult result = watching.get(30, TimeUnit.SECONDS);

            assertThat(result.outcome()).isEqualTo(WatchOutcome.COMPLETED);
            assertThat(output.toString()).contains("cutover/cutover.ready");
            assertThat(errors.toString()).contains("reading the topic(s) that appeared: " + late);
            admin.deleteTopics(List.of(late)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void whatWasOnTheBrokerIsPrintedInOccurrenceOrderHoweverThePollsSplitIt() {
        RunEvents run = new RunEvents();
        // each poll returns one record, the later events first
        List<EventEnvelope> delivered = List.of(run.cutoverReady(5), run.verificationPassed(4), run.dataMigrated(3),
                run.backupCompleted(1), run.requested(0));
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : Topics.RUN_EVENT_TOPICS) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            beginnings.put(new TopicPartition(topic, 0), 0L);
            ends.put(new TopicPartition(topic, 0), delivered.stream().filter(e -> e.topic().equals(topic)).count());
        }
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        for (EventEnvelope event : delivered) {
            consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(event.topic(), 0, 0,
                    event.migrationId(), EventJson.toBytes(event))));
        }
        StringWriter output = new StringWriter();
        KafkaClients kafka = new KafkaClients("mock:9092", Duration.ofSeconds(5)) {
            @Override
            public Consumer<String, byte[]> recordReader() {
                return consumer;
            }
        };

        WatchResult result = new RunWatcher(kafka).watch(run.id, Duration.ofSeconds(30), new PrintWriter(output),
                new PrintWriter(new StringWriter()));

        assertThat(result.outcome()).isEqualTo(WatchOutcome.COMPLETED);
        assertThat(output.toString().lines().map(l -> l.split("\\s+")[1])).containsExactly(
                "run/migration.requested", "backup/backup.completed", "migration/data.migrated",
                "verification/verification.passed", "cutover/cutover.ready");
    }

    @Test
    void aBrokerThatDoesNotAnswerIsAnErrorNamingItsAddress() {
        String nowhere = "127.0.0.1:" + LocalKafkaBroker.freePort();
        RunWatcher watcher = new RunWatcher(new KafkaClients(nowhere, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> watcher.watch(new RunEvents().id, Duration.ofSeconds(30),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("cannot reach Kafka at " + nowhere)
                .hasMessageContaining("JSONMIG_KAFKA_BOOTSTRAP");
    }
}
