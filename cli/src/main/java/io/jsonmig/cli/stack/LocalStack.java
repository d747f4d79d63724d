package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.database.DatabaseAdmin;
import io.jsonmig.cli.database.DatabaseLogin;
import io.jsonmig.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack without Docker: the databases, a Kafka broker with every topic, and the four
 * services, each a detached process with a pid file and a log under the stack directory.
 */
@ApplicationScoped
public class LocalStack {

    private final StackSettings settings;
    private final DatabaseAdmin databases;
    private final LocalBroker broker;
    private final TopicSetup topics;
    private final ServiceLauncher launcher;
    private final ApiCredential credential;

    public LocalStack(StackSettings settings, DatabaseAdmin databases, LocalBroker broker, TopicSetup topics,
                      ServiceLauncher launcher, ApiCredential credential) {
        this.settings = settings;
        this.credential = credential;
        this.databases = databases;
        this.broker = broker;
        this.topics = topics;
        this.launcher = launcher;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Starts what is not running yet; what runs already is reused. Returns every component's status. */
    public List<ComponentStatus> up(boolean withServices, PrintWriter out) {
        List<ServiceDefinition> services = withServices ? settings.services() : List.of();
        requireJars(services);
        settings.layout().create();
        out.printf("Stack directory %s%n", settings.layout().root());
        if (withServices) {
            Path tokens = credential.tokenFile();
            if (tokens.equals(settings.layout().apiTokens()) && StackToken.ensure(tokens)) {
                out.printf("  %-22s operator token written to %s (owner-only)%n", "API token", tokens);
            }
        }
        ensureDatabase(settings.ledgerDatabase(), "ledger of the services", out);
        ensureDatabase(settings.localTarget(), "target profile 'local'", out);

        List<ComponentStatus> statuses = new ArrayList<>();
        statuses.add(broker.up(out));
        List<String> created = topics.ensureTopics(settings.kafkaPartitions());
        out.printf("  %-22s %d jsonmig topics%s%n", "topics", Topics.ALL.size(),
                created.isEmpty() ? " present" : ", created " + created.size() + " with " + settings.kafkaPartitions()
                        + " partition(s)");
        out.flush();

        for (ServiceDefinition service : services) {
            ManagedProcess process = launcher.process(service);
            ManagedProcess.Check check = process.check();
            if (check.state() == ManagedProcess.State.UNVERIFIED) {
                throw unverified(process, check);
            }
            if (check.state() == ManagedProcess.State.RUNNING) {
                out.printf("  %-22s already running (pid %d)%n", service.name(), check.pid());
            } else {
                long pid = launcher.start(service);
                out.printf("  %-22s started (pid %d, port %d)%n", service.name(), pid, service.port());
            }
            out.flush();
        }
        if (!services.isEmpty()) {
            out.printf("Waiting for the services to be ready (up to %ds)...%n", settings.startTimeout().toSeconds());
            out.flush();
        }
        for (ServiceDefinition service : services) {
            launcher.awaitReady(service, settings.startTimeout());
            statuses.add(serviceStatus(service));
        }
        return statuses;
    }

    /** Stops the services, then the broker; only processes this stack started. */
    public boolean down(PrintWriter out) {
        ProcessStopper stopper = new ProcessStopper(settings.stopTimeout());
        List<ManagedProcess> services = new ArrayList<>();
        for (ServiceDefinition service : settings.services()) {
            services.add(0, launcher.process(service));
        }
        out.printf("Stack directory %s%n", settings.layout().root());
        boolean servicesGone = stopper.stop(services, out);
        boolean brokerGone = stopper.stop(List.of(broker.process()), out);
        return servicesGone && brokerGone;
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> statuses = new ArrayList<>();
        statuses.add(broker.status());
        for (ServiceDefinition service : settings.services()) {
            statuses.add(serviceStatus(service));
        }
        return statuses;
    }

    private ComponentStatus serviceStatus(ServiceDefinition service) {
        ManagedProcess.Check check = launcher.process(service).check();
        if (check.state() != ManagedProcess.State.RUNNING) {
            return ComponentStatus.stopped(service.name(), service.baseUrl(), check.state(), launcher.logFile(service));
        }
        return ComponentStatus.running(service.name(), check.pid(), service.baseUrl(), Readiness.isReady(service),
                launcher.logFile(service));
    }

    static CliException unverified(ManagedProcess process, ManagedProcess.Check check) {
        return new CliException(process.name() + ": pid " + check.pid() + " from " + process.pidFile() + " is alive but "
                + "its command line cannot be read, so the stack cannot tell whether it is its own; check the process, "
                + "stop it if it is, and remove the pid file");
    }

    private void ensureDatabase(DatabaseLogin db, String purpose, PrintWriter out) {
        boolean created = databases.ensureExists(db);
        out.printf("  %-22s %s (%s)%n", "database " + db.url().database(), created ? "created" : "present", purpose);
        out.flush();
    }

    private static void requireJars(List<ServiceDefinition> services) {
        List<String> missing = services.stream().filter(s -> !Files.isRegularFile(s.jar()))
                .map(s -> s.name() + " (" + s.jar() + ")").toList();
        if (!missing.isEmpty()) {
            throw new CliException("service jar(s) missing: " + String.join(", ", missing)
                    + "; build them with './mvnw -B -DskipTests package' (the ./jsonmig launcher does this), "
                    + "or use 'stack up --no-services' for the broker and databases only");
        }
    }
}
