package io.jsonmig.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Field 6 of /proc/<pid>/stat, counted after the parenthesised command name. */
    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
