package io.jsonmig.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaBrokerTest {

    @Test
    void startsAcceptsConnectionsAndStopsCompletely(@TempDir Path dir) throws Exception {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1);
        try (broker) {
            broker.start(Duration.ofSeconds(90));
            assertThat(LocalKafkaBroker.accepts(broker.port())).isTrue();
            assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");
            assertThat(Files.exists(dir.resolve("data").resolve("meta.properties"))).isTrue();
        }
        assertThat(broker.process().isAlive()).isFalse();
        assertThat(LocalKafkaBroker.accepts(broker.port())).isFalse();
    }

    @Test
    void aDetachedBrokerRunsInASessionOfItsOwnUnderItsOwnPid(@TempDir Path dir) throws Exception {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1).detached();
        try (broker) {
            broker.start(Duration.ofSeconds(90));
            long pid = broker.process().pid();
            String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            assertThat(commandLine).contains("kafka.Kafka").contains(broker.serverProperties().toString())
                    .doesNotContain("setsid");
            assertThat(sessionOf(pid)).isEqualTo(pid).isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
            assertThat(LocalKafkaBroker.accepts(broker.port())).isTrue();
        }
        assertThat(broker.process().isAlive()).isFalse();
    }

    @Test
    void launchReturnsAsSoonAsTheProcessExistsAndAwaitReadyWaitsForTheBroker(@TempDir Path dir) throws Exception {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1).detached();
        try (broker) {
            broker.launch(Duration.ofSeconds(90));

            // a JVM that loads a broker needs seconds: right after launch there is a pid, not yet a broker
            assertThat(broker.process().isAlive()).isTrue();
            assertThat(broker.process().pid()).isPositive();
            assertThat(LocalKafkaBroker.accepts(broker.port())).isFalse();

            broker.awaitReady(Duration.ofSeconds(90));
            assertThat(LocalKafkaBroker.accepts(broker.port())).isTrue();
            assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");
        }
        assertThat(broker.process().isAlive()).isFalse();
    }

    @Test
    void aBrokerThatExitsWhileStartingFailsWithTheEndOfItsLog(@TempDir Path dir) throws Exception {
        int taken = LocalKafkaBroker.freePort();
        try (java.net.ServerSocket occupied = new java.net.ServerSocket(taken, 1, java.net.InetAddress.getLoopbackAddress());
             LocalKafkaBroker broker = new LocalKafkaBroker(dir, taken, 0, 1)) {
            broker.launch(Duration.ofSeconds(90));

            assertThatThrownBy(() -> broker.awaitReady(Duration.ofSeconds(90)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka broker exited with code")
                    .hasMessageContaining(broker.logFile().toString())
                    .hasMessageContaining("  | ");
        }
    }

    /** Field 6 of /proc/<pid>/stat, counted after the parenthesised command name. */
    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
