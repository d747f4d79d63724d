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
}
