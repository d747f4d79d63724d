package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.stack.LocalKafkaBroker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The stack's Kafka broker: a {@link LocalKafkaBroker} started detached, so it keeps running after
 * the CLI exits, with its data under the stack directory. Not started when the configured bootstrap
 * is another host, or when a broker jsonmig did not start already answers on the port; such an
 * external broker is asked whether it answers, never assumed to.
 */
@ApplicationScoped
public class LocalBroker {

    public static final String NAME = "kafka";
    /** How long a look at an external broker may take. */
    private static final Duration PROBE = Duration.ofSeconds(5);

    private final StackSettings settings;
    private final KafkaClients kafka;

    public LocalBroker(StackSettings settings, KafkaClients kafka) {
        this.settings = settings;
        this.kafka = kafka;
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
            out.flush();
            ComponentStatus external = external();
            if (!external.healthy()) {
                throw new CliException("Kafka at " + settings.kafkaBootstrap() + " does not answer within "
                        + probeTime().toSeconds() + "s; it is not local, so 'stack up' does not start a broker for it "
                        + "(JSONMIG_KAFKA_BOOTSTRAP names it)");
            }
            return external;
        }
        ManagedProcess process = process();
        ManagedProcess.Check check = process.check();
        if (check.state() == ManagedProcess.State.UNVERIFIED) {
            throw LocalStack.unverified(process, check);
        }
        if (check.state() == ManagedProcess.State.RUNNING) {
            out.printf("  %-22s already running (pid %d)%n", NAME, check.pid());
            return status();
        }
        if (LocalKafkaBroker.accepts(port)) {
            out.printf("  %-22s port %d already answers and it is not a broker of this stack: using it%n", NAME, port);
            return status();
        }
        out.printf("  %-22s starting on %s (data in %s)...%n", NAME, settings.kafkaBootstrap(), settings.layout().kafka());
        out.flush();
        LocalKafkaBroker broker = new LocalKafkaBroker(settings.layout().kafka(), port, settings.kafkaControllerPort(),
                settings.kafkaPartitions()).detached();
        try {
            broker.launch(settings.startTimeout());
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new CliException("the Kafka broker did not start: " + e.getMessage(), e);
        }
        // before waiting: a broker that outlives an interrupted or failed wait is still this stack's to stop
        process.writePid(broker.process().pid());
        try {
            broker.awaitReady(settings.startTimeout());
        } catch (IllegalStateException | UncheckedIOException e) {
            if (!broker.process().isAlive()) {
                process.removePidFile();
            }
            throw new CliException("the Kafka broker did not start: " + e.getMessage(), e);
        }
        return status();
    }

    public ComponentStatus status() {
        Integer port = settings.localBrokerPort();
        if (port == null) {
            return external();
        }
        ManagedProcess.Check check = process().check();
        boolean answers = LocalKafkaBroker.accepts(port);
        if (check.state() != ManagedProcess.State.RUNNING) {
            return answers ? ComponentStatus.external(NAME, settings.kafkaBootstrap(), kafka.answers(probeTime()))
                    : ComponentStatus.stopped(NAME, settings.kafkaBootstrap(), check.state(),
                    settings.layout().kafka().resolve("broker.log"));
        }
        return ComponentStatus.running(NAME, check.pid(), settings.kafkaBootstrap(), answers,
                settings.layout().kafka().resolve("broker.log"));
    }

    private ComponentStatus external() {
        return ComponentStatus.external(NAME, settings.kafkaBootstrap(), kafka.answers(probeTime()));
    }

    private Duration probeTime() {
        Duration configured = kafka.timeout();
        return configured.compareTo(PROBE) < 0 ? configured : PROBE;
    }
}
