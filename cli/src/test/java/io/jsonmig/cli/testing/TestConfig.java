package io.jsonmig.cli.testing;

import io.jsonmig.cli.config.CliConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link CliConfig} without Quarkus, for unit tests of the classes that read it: the defaults of
 * {@code application.properties} (without their environment variables), with some values replaced.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static CliConfig cliConfig(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("jsonmig.kafka.bootstrap", "127.0.0.1:9092");
        values.put("jsonmig.kafka.controller-port", "9093");
        values.put("jsonmig.kafka.partitions", "3");
        values.put("jsonmig.kafka.timeout", "15s");
        values.put("jsonmig.db.url", "jdbc:postgresql://127.0.0.1:5432/jsonmig");
        values.put("jsonmig.db.user", "postgres");
        values.put("jsonmig.target.local.url", "jdbc:postgresql://127.0.0.1:5432/jsonmig_local");
        values.put("jsonmig.target.local.user", "postgres");
        values.put("jsonmig.target.demo.url", "jdbc:postgresql://127.0.0.1:5432/jsonmig_demo");
        values.put("jsonmig.target.demo.user", "postgres");
        values.put("jsonmig.stack.service-host", "127.0.0.1");
        values.put("jsonmig.stack.java-options", "-Xmx64m");
        values.put("jsonmig.stack.start-timeout", "180s");
        values.put("jsonmig.stack.stop-timeout", "30s");
        values.put("jsonmig.stack.ports.backup-service", "8081");
        values.put("jsonmig.stack.ports.migration-service", "8082");
        values.put("jsonmig.stack.ports.verification-service", "8083");
        values.put("jsonmig.stack.ports.notification-service", "8084");
        values.put("jsonmig.watch.unknown-run-grace", "15s");
        values.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                // durations as Quarkus reads them: 15s, 180s, PT30S
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(CliConfig.class)
                .build()
                .getConfigMapping(CliConfig.class);
    }
}
