package io.jsonmig.cli.testing;

import io.jsonmig.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@link KafkaBrokerResource} shared between the test code and the application under test.
 * With {@code @QuarkusMainTest} the two load {@code KafkaBrokerResource} through different class
 * loaders, so its static field would start a second broker; a system property is the same for both.
 */
public class SharedKafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static final String PROPERTY = "io.jsonmig.cli.test.kafka-bootstrap";

    public static synchronized String bootstrapServers() {
        String bootstrap = System.getProperty(PROPERTY);
        if (bootstrap == null) {
            bootstrap = KafkaBrokerResource.bootstrapServers();
            System.setProperty(PROPERTY, bootstrap);
        }
        return bootstrap;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test of this JVM; stops with it
    }
}
