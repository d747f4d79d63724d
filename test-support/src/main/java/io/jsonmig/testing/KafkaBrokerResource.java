package io.jsonmig.testing;

import io.jsonmig.events.Topics;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.auth.TestApiCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker for tests: one single-node KRaft broker per test JVM, started from the Kafka
 * jars in a child process on free ports, with every jsonmig topic created. When
 * {@code JSONMIG_TEST_KAFKA_BOOTSTRAP} is set, that broker is used instead (explicit configuration
 * wins).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Where the broker's address is kept for the whole JVM. A system property, not a static field:
     * Quarkus loads test resources and test code through different class loaders. Not under
     * {@code jsonmig.}, which the applications' config mappings claim.
     */
    private static final String ADDRESS_PROPERTY = "io.jsonmig.test.kafka-bootstrap";

    @Override
    public Map<String, String> start() {
        // Every service under test also needs API credentials to start; the tests' own live here too.
        Map<String, String> config = new HashMap<>(TestApiCredentials.serviceConfig());
        config.put("kafka.bootstrap.servers", bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by every test of this JVM and stops with it.
    }

    /** The broker's address, starting it on first use. */
    public static String bootstrapServers() {
        synchronized (System.class) {
            String bootstrap = System.getProperty(ADDRESS_PROPERTY);
            if (bootstrap == null) {
                String external = System.getenv("JSONMIG_TEST_KAFKA_BOOTSTRAP");
                bootstrap = external != null && !external.isBlank() ? external : startLocalBroker();
                createTopics(bootstrap);
                System.setProperty(ADDRESS_PROPERTY, bootstrap);
            }
            return bootstrap;
        }
    }

    private static String startLocalBroker() {
        try {
            Path dir = Files.createTempDirectory("jsonmig-test-kafka-");
            LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0, 0, 1).start(Duration.ofSeconds(120));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                TestFiles.deleteTree(dir);
            }, "jsonmig-test-kafka-stop"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates every jsonmig topic that the broker does not have yet (one partition each). */
    public static void createTopics(String servers) {
        List<String> names = Topics.ALL;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, 1, (short) 1)).toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create jsonmig topics on " + servers, e);
        }
    }

}
