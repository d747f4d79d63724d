package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.CliConfig;
import io.jsonmig.cli.config.JsonmigHome;
import io.jsonmig.cli.database.DatabaseLogin;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The local stack's settings, with their defaults worked out from the repository and the stack directory. */
@ApplicationScoped
public class StackSettings {

    /** In start order; {@code stack down} stops them in reverse. */
    public static final List<String> SERVICES = List.of(
            "backup-service", "migration-service", "verification-service", "notification-service");

    private final CliConfig config;
    private final JsonmigHome home;
    private final StackLayout layout;

    public StackSettings(CliConfig config, JsonmigHome home) {
        this.config = config;
        this.home = home;
        this.layout = new StackLayout(config.stack().dir()
                .orElse(home.resolve(".jsonmig").resolve("stack")).toAbsolutePath().normalize());
    }

    public StackLayout layout() {
        return layout;
    }

    public Path home() {
        return home.path();
    }

    public List<ServiceDefinition> services() {
        List<ServiceDefinition> services = new ArrayList<>();
        for (String name : SERVICES) {
            Integer port = config.stack().ports().get(name);
            if (port == null || port < 1 || port > 65535) {
                throw new CliException("no valid HTTP port for " + name + " (jsonmig.stack.ports." + name + " = " + port
                        + "); set " + ServiceDefinition.portVariable(name));
            }
            services.add(new ServiceDefinition(name, serviceHost(), port,
                    home.resolve(name).resolve("target/quarkus-app/quarkus-run.jar")));
        }
        return services;
    }

    /** The service of that name, one of {@link #SERVICES}. */
    public ServiceDefinition service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the stack; expected one of "
                        + SERVICES));
    }

    /** The interface the services listen on. {@code JSONMIG_SERVICE_HOST} */
    public String serviceHost() {
        String host = config.stack().serviceHost().trim();
        if (host.isEmpty()) {
            throw new CliException("JSONMIG_SERVICE_HOST is empty: expected the interface the services listen on, "
                    + "e.g. 127.0.0.1");
        }
        return host;
    }

    public String kafkaBootstrap() {
        return config.kafka().bootstrap();
    }

    /** The broker address {@code stack up} runs a broker on, or {@code null} when the bootstrap is not local. */
    public Integer localBrokerPort() {
        String first = kafkaBootstrap().split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            throw new CliException("JSONMIG_KAFKA_BOOTSTRAP is '" + kafkaBootstrap() + "': expected host:port");
        }
        String host = first.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CliException("JSONMIG_KAFKA_BOOTSTRAP is '" + kafkaBootstrap() + "': the port is not a number");
        }
        boolean local = Set.of("127.0.0.1", "localhost", "::1", "[::1]").contains(host);
        return local ? port : null;
    }

    public int kafkaControllerPort() {
        return config.kafka().controllerPort();
    }

    public int kafkaPartitions() {
        return config.kafka().partitions();
    }

    public Path snapshotRoot() {
        return config.stack().snapshotRoot().orElse(layout.root().resolve("snapshots")).toAbsolutePath().normalize();
    }

    /**
     * Paths the services accept from events. By default the repository (the demo's examples), the
     * user's home, the stack directory and the snapshot root.
     */
    public List<String> allowedRoots() {
        return config.stack().allowedRoots().orElseGet(() -> new ArrayList<>(new LinkedHashSet<>(List.of(
                home.path().toString(), System.getProperty("user.home"), layout.root().toString(),
                snapshotRoot().toString()))));
    }

    public DatabaseLogin ledgerDatabase() {
        return DatabaseLogin.of("JSONMIG_DB_URL", config.db());
    }

    public DatabaseLogin localTarget() {
        return DatabaseLogin.of("JSONMIG_TARGET_LOCAL_URL", config.target().local());
    }

    public DatabaseLogin demoTarget() {
        return DatabaseLogin.of("JSONMIG_TARGET_DEMO_URL", config.target().demo());
    }

    public List<String> javaOptions() {
        return Arrays.stream(config.stack().javaOptions().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    public Duration startTimeout() {
        return config.stack().startTimeout();
    }

    public Duration stopTimeout() {
        return config.stack().stopTimeout();
    }
}
