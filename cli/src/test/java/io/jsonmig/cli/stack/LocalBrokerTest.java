package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.cli.testing.TestConfig;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.KafkaBrokerResource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The stack's broker: its pid file exists as soon as its process does, and an external broker is really asked. */
class LocalBrokerTest {

    private final StringWriter output = new StringWriter();
    private final PrintWriter out = new PrintWriter(output);

    @Test
    void thePidFileIsWrittenBeforeWaitingSoAnInterruptedUpLeavesAStoppableBroker(@TempDir Path stackDir)
            throws Exception {
        StackSettings settings = settings(stackDir, "127.0.0.1:" + LocalKafkaBroker.freePort());
        LocalBroker broker = new LocalBroker(settings, new KafkaClients(settings.kafkaBootstrap(), Duration.ofSeconds(5)));
        ManagedProcess process = broker.process();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread up = new Thread(() -> {
            try {
                broker.up(out);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "stack-up");
        try {
            up.start();
            // as Ctrl-C would, while 'stack up' waits for the broker to be ready
            await().atMost(Duration.ofSeconds(60)).until(() -> process.check().state() == ManagedProcess.State.RUNNING);
            up.interrupt();
            up.join(30_000);

            assertThat(failure.get()).isInstanceOf(CliException.class).hasMessageContaining("interrupted");
            ManagedProcess.Check check = process.check();
            assertThat(check.state()).isEqualTo(ManagedProcess.State.RUNNING);
            assertThat(ManagedProcess.commandLine(check.pid())).contains("kafka.Kafka")
                    .contains(stackDir.resolve("kafka/server.properties").toString());
        } finally {
            boolean gone = new ProcessStopper(Duration.ofSeconds(30)).stop(java.util.List.of(process), out);
            assertThat(gone).as(output.toString()).isTrue();
        }
        assertThat(process.pidFile()).doesNotExist();
    }

    @Test
    void anExternalBrokerThatAnswersIsHealthyInStatusAndUp(@TempDir Path stackDir) {
        // several bootstrap addresses of a remote cluster, the first of which does not resolve today
        String bootstrap = "broker-a.invalid:9092," + KafkaBrokerResource.bootstrapServers();
        StackSettings settings = settings(stackDir, bootstrap);
        LocalBroker broker = new LocalBroker(settings, new KafkaClients(bootstrap, Duration.ofSeconds(5)));

        assertThat(settings.localBrokerPort()).isNull();
        assertThat(broker.status()).satisfies(s -> {
            assertThat(s.state()).isEqualTo("external");
            assertThat(s.healthy()).isTrue();
        });
        assertThat(broker.up(out).healthy()).isTrue();
        assertThat(output.toString()).contains("not local: not started here");
        assertThat(Files.exists(settings.layout().pidFile(LocalBroker.NAME))).isFalse();
    }

    @Test
    void anExternalBrokerThatDoesNotAnswerIsDownAndUpFails(@TempDir Path stackDir) {
        String bootstrap = "broker-a.invalid:9092,127.0.0.1:" + LocalKafkaBroker.freePort();
        StackSettings settings = settings(stackDir, bootstrap);
        LocalBroker broker = new LocalBroker(settings, new KafkaClients(bootstrap, Duration.ofSeconds(2)));

        assertThat(broker.status()).satisfies(s -> {
            assertThat(s.state()).isEqualTo("external DOWN");
            assertThat(s.healthy()).isFalse();
        });
        assertThatThrownBy(() -> broker.up(out)).isInstanceOf(CliException.class)
                .hasMessageContaining("Kafka at " + bootstrap + " does not answer within 2s")
                .hasMessageContaining("JSONMIG_KAFKA_BOOTSTRAP");
    }

    private static StackSettings settings(Path stackDir, String bootstrap) {
        Map<String, String> values = new HashMap<>();
        values.put("jsonmig.stack.dir", stackDir.toString());
        values.put("jsonmig.kafka.bootstrap", bootstrap);
        values.put("jsonmig.kafka.controller-port", Integer.toString(LocalKafkaBroker.freePort()));
        values.put("jsonmig.kafka.partitions", "1");
        values.put("jsonmig.stack.start-timeout", "90s");
        return StackSettingsTest.settings(values);
    }
}
