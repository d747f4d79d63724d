package io.jsonmig.cli.runs;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Kafka broker of its own, for tests that must see every run on the broker and nothing else (the
 * shared test broker holds the other tests' runs). Started once per JVM, with every jsonmig topic; its
 * address lives in a system property because the test and the application under test load this class
 * through different class loaders.
 */
public class OwnBroker implements QuarkusTestProfile {

    private static final String ADDRESS_PROPERTY = "io.jsonmig.cli.test.own-broker";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(), "jsonmig.kafka.timeout", "10s");
    }

    public static String bootstrapServers() {
        synchronized (System.class) {
            String bootstrap = System.getProperty(ADDRESS_PROPERTY);
            if (bootstrap == null) {
                bootstrap = start();
                KafkaBrokerResource.createTopics(bootstrap);
                System.setProperty(ADDRESS_PROPERTY, bootstrap);
            }
            return bootstrap;
        }
    }

    private static String start() {
        try {
            Path dir = Files.createTempDirectory("jsonmig-test-own-kafka-");
            LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1).start(Duration.ofSeconds(120));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                TestFiles.deleteTree(dir);
            }, "jsonmig-test-own-kafka-stop"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
