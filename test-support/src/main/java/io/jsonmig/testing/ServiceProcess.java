package io.jsonmig.testing;

import io.jsonmig.stack.LogTail;
import io.jsonmig.testing.auth.TestApiCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A packaged Quarkus service run as a process of its own, configured only by its environment, as
 * an operator runs it. The benchmark and the end-to-end tests see it from outside: its events, its
 * health endpoint, its log and {@code /proc}; a test may also kill it as a crash would.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    /** Kills the service if the caller's JVM ends without closing it (Ctrl-C, a test run stopped). */
    private final Thread killOnExit;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.killOnExit = new Thread(process::destroyForcibly, "jsonmig-stop-service");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code java -Xmx<xmx> -jar <jar>} with the given environment (inherited JSONMIG_* and
     * QUARKUS_* variables are removed, so only the caller configures the service) and waits until
     * {@code /q/health/ready} answers 200. Without JSONMIG_API_TOKEN_FILE in {@code env} the service reads the tests'
     * token file ({@link TestApiCredentials}).
     */
    public static ServiceProcess start(Path jar, String xmx, List<String> javaOptions, Map<String, String> env,
                                       int port, Path log, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged service at " + jar
                    + ": build it first (./mvnw -B -o package -pl <its module> -am -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("JSONMIG_") || name.startsWith("QUARKUS_"));
        builder.environment().put(TestApiCredentials.TOKEN_FILE_VARIABLE, TestApiCredentials.tokenFile().toString());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess service;
        try {
            service = new ServiceProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        try {
            service.awaitReady(timeout);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await("service ready on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with code " + process.exitValue()
                        + " before it was ready; its log ends:\n" + logTail());
            }
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's peak resident set size so far (VmHWM), in bytes. */
    public long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + process.pid()
                    + " (has it exited?)", e);
        }
    }

    /** Whether the JVM reported an OutOfMemoryError in its log (with -XX:+ExitOnOutOfMemoryError it also exits). */
    public boolean reportedOutOfMemory() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).contains("OutOfMemoryError");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    public String logTail() {
        return LogTail.of(log, 40);
    }

    /** The file that holds the service's standard output and error. */
    public Path log() {
        return log;
    }

    /**
     * Kills the service as a crash would: SIGKILL ({@link Process#destroyForcibly()} on Linux), so it
     * runs no shutdown hook, closes no connection and acknowledges nothing. Waits until the process
     * has exited and returns its exit code (137 for SIGKILL).
     */
    public int kill(Duration timeout) {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " still runs " + timeout
                        + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to die", e);
        }
        return process.exitValue();
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s) and waits for it to exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
