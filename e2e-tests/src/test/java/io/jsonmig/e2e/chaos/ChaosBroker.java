package io.jsonmig.e2e.chaos;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.KafkaBrokerResource;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The harness's own single-node KRaft broker (not the JVM-wide test broker), so that a fault can
 * stop it and start it again on the same data directory and ports.
 */
final class ChaosBroker implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final LocalKafkaBroker broker;

    private ChaosBroker(LocalKafkaBroker broker) {
        this.broker = broker;
    }

    static ChaosBroker start(Path dir) {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1).start(START);
        KafkaBrokerResource.createTopics(broker.bootstrapServers());
        return new ChaosBroker(broker);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker (SIGTERM, a controlled shutdown) and starts it again; returns how long it was gone. */
    Duration restart() {
        long begin = System.nanoTime();
        broker.close();
        broker.start(START);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    @Override
    public void close() {
        broker.close();
    }
}
