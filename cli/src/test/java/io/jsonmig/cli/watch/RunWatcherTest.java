package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
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
