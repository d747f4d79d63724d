package io.jsonmig.e2e.chaos;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The four packaged services of one run, each a process with its own environment and port. A
 * killed service starts again with the very same environment, port and so consumer group; each
 * incarnation writes its own log ({@code <service>-<n>.log}) into the run's directory.
 */
final class ServiceFleet implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final String XMX = "256m";

    private final Path home;
    private final Path logDir;
    private final Map<ChaosService, Map<String, String>> environments;
    private final Map<ChaosService, Integer> ports = new EnumMap<>(ChaosService.class);
    private final Map<ChaosService, Integer> incarnations = new EnumMap<>(ChaosService.class);
    private final Map<ChaosService, ServiceProcess> running = new EnumMap<>(ChaosService.class);
    private final Map<ChaosService, CompletableFuture<String>> restarts = new EnumMap<>(ChaosService.class);

    private ServiceFleet(Path home, Path logDir, Map<ChaosService, Map<String, String>> environments) {
        this.home = home;
        this.logDir = logDir;
        this.environments = environments;
        for (ChaosService service : ChaosService.values()) {
            ports.put(service, LocalKafkaBroker.freePort());
        }
    }

    /** Starts all four at once and returns when every one is ready; if one fails, stops the others. */
    static ServiceFleet start(Path home, Path logDir, Map<ChaosService, Map<String, String>> environments) {
        ServiceFleet fleet = new ServiceFleet(home, logDir, environments);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (ChaosService service : ChaosService.values()) {
            starts.add(CompletableFuture.runAsync(() -> fleet.launch(service)));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            fleet.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return fleet;
    }

    private void launch(ChaosService service) {
        int incarnation;
        synchronized (incarnations) {
            incarnation = incarnations.merge(service, 1, Integer::sum);
        }
        ServiceProcess process = ServiceProcess.start(service.jar(home), XMX, ServiceEnvironments.JAVA_OPTIONS,
                environments.get(service), ports.get(service),
                logDir.resolve(service.module() + "-" + incarnation + ".log"), STARTUP);
        synchronized (running) {
            running.put(service, process);
        }
    }

    /**
     * SIGKILL now; the same service starts again in the background, so that the run goes on being
     * watched (and may be struck again) while it starts. Returns what the kill did, e.g.
     * {@code pid 123 exit 137}, and the restart's outcome, e.g. {@code restarted as pid 456, ready after 14.2 s}.
     */
    Struck killAndRestart(ChaosService service) {
        restarts.getOrDefault(service, CompletableFuture.completedFuture("")).join();
        ServiceProcess victim;
        synchronized (running) {
            victim = running.remove(service);
        }
        long pid = victim.pid();
        int exit = victim.kill(Duration.ofSeconds(30));
        long begin = System.nanoTime();
        CompletableFuture<String> restart = CompletableFuture.supplyAsync(() -> {
            launch(service);
            return "restarted as pid " + running.get(service).pid() + ", ready after "
                    + RunObserver.seconds(Duration.ofNanos(System.nanoTime() - begin));
        }).exceptionally(e -> "NOT restarted: " + e.getMessage());
        restarts.put(service, restart);
        return new Struck("pid " + pid + " exit " + exit, restart);
    }

    /** What a kill did at once, and its restart to come. */
    record Struck(String kill, CompletableFuture<String> restart) {
    }

    /** Waits until every restart begun has finished (the service ready, or failed to start). */
    void awaitRestarts() {
        restarts.values().forEach(CompletableFuture::join);
    }

    /** A service that exited without being killed by the harness: a crash the run must report. */
    Optional<String> exited() {
        synchronized (running) {
            for (Map.Entry<ChaosService, ServiceProcess> entry : running.entrySet()) {
                if (!entry.getValue().isAlive()) {
                    return Optional.of(entry.getKey().module() + " exited on its own; its log ends:\n"
                            + entry.getValue().logTail());
                }
            }
        }
        return Optional.empty();
    }

    Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        restarts.values().forEach(r -> r.exceptionally(e -> "").join());
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (running) {
            running.values().forEach(p -> stops.add(CompletableFuture.runAsync(p::close)));
            running.clear();
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }
}
