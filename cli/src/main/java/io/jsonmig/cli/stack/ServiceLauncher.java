package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.stack.LogTail;
import io.jsonmig.stack.Setsid;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a service's jar in a session of its own ({@code setsid}: it outlives the CLI and ignores the
 * terminal's Ctrl-C), appending to {@code logs/<name>.log}, with its pid in {@code pids/<name>.pid}.
 */
@ApplicationScoped
public class ServiceLauncher {

    private final StackSettings settings;
    private final ServiceEnvironment environment;

    public ServiceLauncher(StackSettings settings, ServiceEnvironment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    public ManagedProcess process(ServiceDefinition service) {
        return new ManagedProcess(service.name(), settings.layout().pidFile(service.name()),
                List.of(service.jar().toString()));
    }

    public Path logFile(ServiceDefinition service) {
        return settings.layout().logFile(service.name());
    }

    public long start(ServiceDefinition service) {
        if (LocalKafkaBroker.accepts(service.port())) {
            throw new CliException("port " + service.port() + " for " + service.name() + " is taken by a process this "
                    + "stack did not start; stop it or choose another port (" + service.portVariable() + ")");
        }
        Path log = logFile(service);
        List<String> command = new ArrayList<>();
        command.add(setsid());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOptions());
        command.add("-Dquarkus.http.host=" + service.host());
        command.add("-Dquarkus.http.port=" + service.port());
        command.add("-jar");
        command.add(service.jar().toString());
        try {
            Files.writeString(log, "=== " + Instant.now() + " jsonmig stack up: " + service.name() + " on port "
                            + service.port() + " ===\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(settings.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment.variables());
            Process process = builder.start();
            process(service).writePid(process.pid());
            return process.pid();
        } catch (IOException e) {
            throw new CliException("cannot start " + service.name() + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /** Waits until the service reports ready; fails with its log's tail if it exits or the timeout passes. */
    public void awaitReady(ServiceDefinition service, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        ManagedProcess process = process(service);
        while (true) {
            if (process.running().isEmpty()) {
                throw new CliException(service.name() + " exited while starting; end of " + logFile(service) + ":\n"
                        + LogTail.of(logFile(service), 40));
            }
            if (Readiness.isReady(service)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliException(service.name() + " is not ready at " + service.readinessUrl() + " after "
                        + timeout.toSeconds() + "s (JSONMIG_STACK_START_TIMEOUT); end of " + logFile(service) + ":\n"
                        + LogTail.of(logFile(service), 40));
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the services", e);
        }
    }

    private static String setsid() {
        try {
            return Setsid.path();
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
