package io.jsonmig.verification.stabilization;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.verification.config.VerificationConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The baseline before the cut-over, a job of {@code migration.requested}: while the application still runs
 * on its JSON files, each url probe of a run with a stabilization window is called
 * {@code stabilization.baseline.samples} times, the calls {@code baseline-spacing} apart and at most
 * {@code baseline-concurrency} in flight; the p50/p95/p99 of the calls that answered as expected and the
 * share that failed are kept ({@link WatchStore}) and told ({@code stabilization.baselined}). A probe whose
 * application does not answer its first {@value #UNREACHABLE_AFTER} calls is given up: its baseline says it was
 * unreachable and has no figures.
 */
@ApplicationScoped
public class BaselineSampler implements JobHandler {

    public static final String JOB = "stabilization-baseline";
    static final int UNREACHABLE_AFTER = 3;

    private final Probes probes;
    private final WatchStore store;
    private final EventPublisher publisher;
    private final VerificationConfig config;

    public BaselineSampler(Probes probes, WatchStore store, EventPublisher publisher, VerificationConfig config) {
        this.probes = probes;
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** Whether the run asks for a baseline: a window, and url probes to time. */
    public static boolean wanted(RunSpec spec) {
        return spec.effectiveStabilization().hasWindow() && !urlProbes(spec).isEmpty();
    }

    private static List<SmokeCheck> urlProbes(RunSpec spec) {
        return spec.effectiveProbes().stream().filter(p -> !p.isSql()).toList();
    }

    @Override
    public void run(EventEnvelope event, Cancellation cancellation) {
        RunSpec spec = event.payloadAs(MigrationRequested.class).spec();
        Stabilization stabilization = spec.effectiveStabilization();
        int samples = stabilization.baseline().samples();
        List<ProbeBaseline> baselines = new ArrayList<>();
        ExecutorService calls = Executors.newFixedThreadPool(Math.max(1, config.stabilization().baselineConcurrency()),
                runnable -> {
                    Thread thread = new Thread(runnable, "jsonmig-baseline-" + event.migrationId());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            for (SmokeCheck probe : urlProbes(spec)) {
                baselines.add(sample(probe, samples, calls, cancellation));
            }
        } finally {
            calls.shutdownNow();
        }
        cancellation.checkNow();
        StabilizationBaselined kept = store.keepBaseline(event.migrationId(), new StabilizationBaselined(baselines));
        Log.infof("[%s] %s", event.migrationId(), kept.describe());
        publisher.publish(event, "", kept);
    }

    private ProbeBaseline sample(SmokeCheck probe, int samples, ExecutorService calls, Cancellation cancellation) {
        int concurrency = Math.max(1, config.stabilization().baselineConcurrency());
        Duration spacing = config.stabilization().baselineSpacing();
        Semaphore inFlight = new Semaphore(concurrency);
        Queue<ProbeResult> results = new ConcurrentLinkedQueue<>();
        List<Future<?>> started = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            if (results.size() >= UNREACHABLE_AFTER && results.stream().allMatch(r -> r.latencyMillis() == null)) {
                break;
            }
            pauseUntil(begin + i * spacing.toNanos(), cancellation);
            acquire(inFlight, cancellation);
            started.add(calls.submit(() -> {
                try {
                    results.add(probes.run(probe, null));
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Future<?> call : started) {
            awaitCall(call, cancellation);
        }
        return baselineOf(probe.name(), List.copyOf(results));
    }

    static ProbeBaseline baselineOf(String probe, List<ProbeResult> results) {
        List<Double> latencies = results.stream().filter(ProbeResult::passed).map(ProbeResult::latencyMillis)
                .filter(Objects::nonNull).toList();
        if (latencies.isEmpty()) {
            String first = results.stream().map(ProbeResult::detail).filter(Objects::nonNull).findFirst()
                    .orElse("no call was made");
            boolean answered = results.stream().anyMatch(r -> r.latencyMillis() != null);
            return ProbeBaseline.none(probe, results.size(), (answered ? "no call answered as expected: "
                    : "unreachable: ") + first);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        return ProbeBaseline.measured(probe, results.size(), (double) failed / results.size(),
                Latencies.percentile(latencies, 50), Latencies.percentile(latencies, 95),
                Latencies.percentile(latencies, 99));
    }

    /** Waits in slices, so that a rollback of the run stops the baseline within a slice. */
    private static void pauseUntil(long nanoTime, Cancellation cancellation) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            cancellation.check();
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while taking the baseline", e);
            }
        }
    }

    private static void acquire(Semaphore inFlight, Cancellation cancellation) {
        try {
            while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                cancellation.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the baseline", e);
        }
    }

    private static void awaitCall(Future<?> call, Cancellation cancellation) {
        while (true) {
            try {
                call.get(200, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                cancellation.check();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a baseline call failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while taking the baseline", e);
            }
        }
    }

    /** The baseline will not be taken (an error, a service that died under it): the run is told it has none. */
    @Override
    public void abandoned(EventEnvelope event, String reason) {
        RunSpec spec = event.payloadAs(MigrationRequested.class).spec();
        List<ProbeBaseline> none = urlProbes(spec).stream()
                .map(p -> ProbeBaseline.none(p.name(), 0, "the baseline could not be taken: " + reason)).toList();
        publisher.publish(event, "", store.keepBaseline(event.migrationId(), new StabilizationBaselined(none)));
    }
}
