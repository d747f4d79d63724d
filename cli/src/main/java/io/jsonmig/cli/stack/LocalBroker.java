package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.stack.LocalKafkaBroker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintWriter;
import java.util.List;

/**
 * The stack's Kafka broker: a {@link LocalKafkaBroker} started detached, so it keeps running after
 * the CLI exits, with its data under the stack directory. Not started when the configured bootstrap
 * is another host, or when a broker jsonmig did not start already answers on the port.
 */
@ApplicationScoped
public class LocalBroker {

    public static final String NAME = "kafka";

    private final StackSettings settings;

    public LocalBroker(StackSettings settings) {
        this.settings = settings;
    }

    public ManagedProcess process() {
        StackLayout layout = settings.layout();
        return new ManagedProcess(NAME, layout.pidFile(NAME),
                List.of("kafka.Kafka", layout.kafka().resolve("server.properties").toString()));
    }

    public ComponentStatus up(PrintWriter out) {
        Integer port = settings.localBrokerPort();
        if (port == null) {
            out.printf("  %-22s using Kafka at %s (not local: not started here)%n", NAME, settings.kafkaBootstrap());
            return ComponentStatus.external(NAME, settings.kafkaBootstrap(), true);
        }
        ManagedProcess process = process();
        ManagedProcess.Check check = process.check();
        if (check.state() == ManagedProcess.State.RUNNING) {
            out.printf("  %-22s already running (pid %d)%n", NAME, check.pid());
            return status();
        }
        if (LocalKafkaBroker.accepts(port)) {
            out.printf("  %-22s port %d already answers and it is not a broker of this stack: using it%n", NAME, port);
            return ComponentStatus.external(NAME, settings.kafkaBootstrap(), true);
        }
        out.printf("  %-22s starting on %s (data in %s)...%n", NAME, settings.kafkaBootstrap(), settings.layout().kafka());
        out.flush();
        LocalKafkaBroker broker = new LocalKafkaBroker(settings.layout().kafka(), port, settings.kafkaControllerPort(),
                settings.kafkaPartitions()).detached();
        try {
            broker.start(settings.startTimeout());
        } catch (IllegalStateException e) {
            throw new CliException("the Kafka broker did not start: " + e.getMessage(), e);
        }
        process.writePid(broker.process().pid());
        return status();
    }

    public ComponentStatus status() {
        Integer port = settings.localBrokerPort();
        ManagedProcess.Check check = process().check();
        if (port == null) {
            return ComponentStatus.external(NAME, settings.kafkaBootstrap(), false);
        }
        boolean answers = LocalKafkaBroker.accepts(port);
        if (check.state() != ManagedProcess.State.RUNNING) {
            return answers ? ComponentStatus.external(NAME, settings.kafkaBootstrap(), true)
                    : ComponentStatus.stopped(NAME, settings.kafkaBootstrap(), check.state(),
                    settings.layout().kafka().resolve("broker.log"));
        }
        return ComponentStatus.running(NAME, check.pid(), settings.kafkaBootstrap(), answers,
                settings.layout().kafka().resolve("broker.log"));
    }
}
