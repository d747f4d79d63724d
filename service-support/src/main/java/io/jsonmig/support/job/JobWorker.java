package io.jsonmig.support.job;

import io.agroal.api.AgroalDataSource;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.messaging.FailureReason;
import io.jsonmig.support.tracing.RunTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the service's recorded jobs on threads of its own, never on a consumer thread: the oldest
 * unfinished job of each run, one job of a run at a time, across every instance of the service (see
 * {@link JobClaim}). At start-up it finds the jobs a crash left unfinished and resumes them.
 * <p>
 * A job that cannot finish ends: one that throws an {@link Error} (out of memory, say), that the service
 * died under more than {@link JobsConfig#maxCrashes()} times, or that was interrupted
 * {@link JobsConfig#maxStarts()} times is abandoned, never run again, and its handler tells the run
 * ({@link JobHandler#abandoned}). {@link #problems()} feeds readiness ({@link JobWorkersCheck}).
 */
@ApplicationScoped
public class JobWorker {

    private final JobStore store;
    private final AgroalDataSource dataSource;
    private final JobsConfig config;
    private final Clock clock;
    private final String namespace;
    private final Map<String, JobHandler> handlers;
    private final RunTraces traces;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeUp = wakeLock.newCondition();
    private final List<WorkerWatch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private long wakeUps;

    public JobWorker(JobStore store, AgroalDataSource dataSource, JobsConfig config, Clock clock,
                     Instance<JobHandler> handlers, @ConfigProperty(name = "quarkus.application.name") String service,
                     RunTraces traces) {
        this.traces = traces;
        this.store = store;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.namespace = "jsonmig-jobs:" + service;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::name, Function.identity()));
    }

    void start(@Observes StartupEvent started) {
        if (handlers.isEmpty()) {
            return;
        }
        running = true;
        for (int i = 1; i <= config.workers(); i++) {
            WorkerWatch watch = new WorkerWatch("jsonmig-job-worker-" + i);
            watches.add(watch);
            launch(watch, Duration.ZERO);
        }
        Log.infof("%d job worker(s) for %s", watches.size(), handlers.keySet());
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
        for (WorkerWatch watch : watches) {
            Thread thread = watch.thread();
            if (thread == null) {
                continue;
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void launch(WorkerWatch watch, Duration pause) {
        Thread thread = new Thread(() -> lifeOf(watch, pause), watch.name());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One worker thread: it ends when the service stops. Should it end before (interrupted, or an error
     * in its own error handling), readiness says so and another thread takes its place after a pause.
     */
    private void lifeOf(WorkerWatch watch, Duration pause) {
        if (!pause.isZero() && !pausedWhileRunning(pause)) {
            return;
        }
        watch.working(Thread.currentThread());
        String why = "interrupted";
        try {
            work(watch);
        } catch (Throwable t) {
            why = FailureReason.of(t);
        }
        if (!running) {
            return;
        }
        Duration next = watch.ended(why, Instant.now(clock), config.pollInterval());
        try {
            Log.errorf("%s ended while the service runs (%s): a new worker takes its place in %s", watch.name(),
                    why, next);
            launch(watch, next);
        } catch (Throwable t) {
            // Out of threads or memory: the watch keeps saying the worker ended, the service is not ready.
        }
    }

    /** @return whether the service still runs after {@code pause} */
    private boolean pausedWhileRunning(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        wakeLock.lock();
        try {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                wakeUp.awaitNanos(left);
            }
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            wakeLock.unlock();
        }
    }

    /** A job was recorded: an idle worker looks at once instead of at its next poll. */
    public void wake() {
        wakeLock.lock();
        try {
            wakeUps++;
            wakeUp.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    /**
     * What stops the service's jobs from finishing: a worker that died, or a job that reached no
     * checkpoint for longer than {@link JobsConfig#stuckAfter()}. Empty when every worker is well.
     */
    public List<String> problems() {
        return problems(config.stuckAfter());
    }

    /**
     * What only a restart mends ({@link JobWorkersLiveness}): a worker that died, or a job that reached no
     * checkpoint for longer than {@link JobsConfig#unresponsiveAfter()}.
     */
    public List<String> unresponsive() {
        return problems(config.unresponsiveAfter());
    }

    private List<String> problems(Duration noCheckpointFor) {
        Instant now = Instant.now(clock);
        return watches.stream().flatMap(w -> w.problem(now, noCheckpointFor).stream()).toList();
    }

    private void work(WorkerWatch watch) {
        while (running) {
            long seen = wakeUps();
            boolean ran;
            try {
                ran = runOne(watch);
            } catch (Exception e) {
                Log.errorf(e, "the job worker cannot read its jobs; trying again in %s", config.pollInterval());
                ran = false;
            } catch (Error e) {
                // Out of memory while reading the jobs, say: the worker lives on, the next poll may succeed.
                Log.errorf(e, "the job worker failed with %s; trying again in %s", e, config.pollInterval());
                ran = false;
            } finally {
                watch.idle();
            }
            if (!ran && !awaitWakeUp(seen)) {
                return;
            }
        }
    }

    private long wakeUps() {
        wakeLock.lock();
        try {
            return wakeUps;
        } finally {
            wakeLock.unlock();
        }
    }

    /** @return false when the worker was interrupted: this worker ends (the others go on) */
    private boolean awaitWakeUp(long seen) {
        wakeLock.lock();
        try {
            if (wakeUps == seen && running) {
                wakeUp.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            wakeLock.unlock();
        }
    }

    /** @return whether a job was run (or closed), so that the worker looks again at once */
    private boolean runOne(WorkerWatch watch) throws SQLException {
        for (PhaseJob candidate : store.runnable(4 * config.workers())) {
            Optional<JobClaim> claim = JobClaim.tryClaim(dataSource, namespace, candidate.migrationId);
            if (claim.isEmpty()) {
                continue; // another worker runs this run's jobs
            }
            try (JobClaim held = claim.get()) {
                // Read again under the claim: it may have finished between the query and the lock.
                Optional<PhaseJob> job = store.start(candidate.eventId);
                if (job.isPresent()) {
                    run(job.get(), held, watch);
                }
                return true;
            }
        }
        return false;
    }

    private void run(PhaseJob job, JobClaim claim, WorkerWatch watch) {
        JobHandler handler = handlers.get(job.handler);
        if (handler == null) {
            store.finish(job.eventId, PhaseJob.Status.FAILED, "no handler '" + job.handler + "' in this service");
            Log.errorf("[%s] job %s names the handler '%s', which this service does not have", job.migrationId,
                    job.eventId, job.handler);
            return;
        }
        EventEnvelope event = EventJson.fromBytes(job.event.getBytes(StandardCharsets.UTF_8));
        // One span per start of the job, in the trace of the event it was recorded for: what it publishes are
        // children of this span.
        Span span = traces.start("job " + job.handler, traces.fromTraceparent(job.traceparent), event);
        span.setAttribute("jsonmig.job.event_id", job.eventId);
        span.setAttribute("jsonmig.job.start", job.starts);
        try (Scope ignored = span.makeCurrent()) {
            runTraced(job, handler, event, claim, watch);
        } catch (RuntimeException | Error e) {
            RunTraces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void runTraced(PhaseJob job, JobHandler handler, EventEnvelope event, JobClaim claim, WorkerWatch watch) {
        if (job.abandonReason != null) {
            tellTheRun(job, handler, event, job.abandonReason); // the run was not told yet
            return;
        }
        if (job.crashes > config.maxCrashes()) {
            abandon(job, handler, event, "the service stopped " + job.crashes + " times while running this job ("
                    + job.handler + ", last started " + job.startedAt + "), so it is not run again; out of memory? "
                    + "See the service's log for 'OutOfMemoryError' or 'Terminating due to'");
            return;
        }
        if (job.starts > 1) {
            Log.infof("[%s] resuming job %s (%s, start %d): it did not finish before", job.migrationId, job.eventId,
                    job.handler, job.starts);
        }
        watch.started(job, Instant.now(clock));
        Cancellation cancellation = new Cancellation(() -> {
            watch.checkpoint(Instant.now(clock));
            return cancelReason(job, claim);
        }, config.cancelCheckInterval(), clock);
        try {
            handler.run(event, cancellation);
            store.finish(job.eventId, PhaseJob.Status.DONE, null);
        } catch (PhaseCancelled e) {
            Log.warnf("[%s] job %s (%s) stopped at a checkpoint: %s", job.migrationId, job.eventId, job.handler,
                    e.getMessage());
            store.finish(job.eventId, PhaseJob.Status.CANCELLED, e.getMessage());
        } catch (Exception e) {
            interrupted(job, handler, event, e);
        } catch (Error e) {
            // What the handler held is unreachable now, so memory is back for the report. Running the job
            // again would meet the same error: it ends here, and the run rolls back.
            Log.errorf(e, "[%s] job %s (%s) failed with an error and is not run again", job.migrationId,
                    job.eventId, job.handler);
            abandon(job, handler, event, FailureReason.of(e));
        } finally {
            watch.idle();
        }
    }

    /**
     * A job that will not finish: it never runs again, and its handler tells the run (a failed phase, a
     * failed rollback step), so that the run rolls back instead of waiting. A forward job the run's
     * rollback cancelled meanwhile is only closed: the compensation queued behind it tells the rest.
     */
    private void abandon(PhaseJob job, JobHandler handler, EventEnvelope event, String reason) {
        Optional<String> cancelled = store.cancelReason(job.eventId);
        if (cancelled.isPresent()) {
            Log.warnf("[%s] job %s (%s) ended (%s) while cancelled: %s", job.migrationId, job.eventId, job.handler,
                    reason, cancelled.get());
            store.finish(job.eventId, PhaseJob.Status.CANCELLED, cancelled.get() + "; then ended by " + reason);
            return;
        }
        store.abandon(job.eventId, reason);
        tellTheRun(job, handler, event, reason);
    }

    /**
     * A report that could not be published is tried again like an interrupted job, until the broker takes
     * it; one that fails otherwise, until the job was started {@link JobsConfig#maxStarts()} times.
     */
    private void tellTheRun(PhaseJob job, JobHandler handler, EventEnvelope event, String reason) {
        try {
            handler.abandoned(event, reason);
        } catch (Throwable e) {
            String failure = FailureReason.of(e);
            boolean publishing = e instanceof JobInterruption interruption && interruption.runAgain();
            if (!publishing && job.starts >= config.maxStarts()) {
                Log.errorf(e, "[%s] job %s (%s) was abandoned (%s), and telling the run failed: %s", job.migrationId,
                        job.eventId, job.handler, reason, failure);
                store.finish(job.eventId, PhaseJob.Status.FAILED, "abandoned: " + reason + "; telling the run failed "
                        + "after " + job.starts + " starts: " + failure);
                return;
            }
            Duration pause = pauseAfter(job.starts);
            Log.warnf("[%s] job %s (%s) was abandoned (%s); telling the run failed, trying again in %s: %s",
                    job.migrationId, job.eventId, job.handler, reason, pause, failure);
            runAgainAfter(job, pause, "abandoned: " + reason + "; telling the run failed: " + failure);
            return;
        }
        store.finish(job.eventId, PhaseJob.Status.FAILED, "abandoned: " + reason);
        Log.errorf("[%s] job %s (%s) abandoned, the run was told: %s", job.migrationId, job.eventId, job.handler,
                reason);
    }

    /** A claim that no longer holds cancels nothing, but this worker must stop: someone else may resume the job. */
    private Optional<String> cancelReason(PhaseJob job, JobClaim claim) {
        if (!claim.held()) {
            throw JobInterruption.runAgainLater("lost the claim on run " + job.migrationId
                    + " (its database connection ended)", null);
        }
        return store.cancelReason(job.eventId);
    }

    /**
     * An interruption, or an exception the handler did not turn into events: the job runs again from its
     * checkpoints after a pause that grows with every start; after {@link JobsConfig#maxStarts()} starts it
     * is abandoned, and the run told.
     */
    private void interrupted(PhaseJob job, JobHandler handler, EventEnvelope event, Exception e) {
        String reason = FailureReason.of(e);
        boolean expected = e instanceof JobInterruption interruption && interruption.runAgain();
        if (job.starts >= config.maxStarts()) {
            Log.errorf(e, "[%s] job %s (%s) gives up after %d starts: %s", job.migrationId, job.eventId, job.handler,
                    job.starts, reason);
            abandon(job, handler, event, "given up after " + job.starts + " starts: " + reason);
            return;
        }
        Duration pause = pauseAfter(job.starts);
        if (expected) {
            Log.warnf("[%s] job %s (%s) interrupted, runs again in %s: %s", job.migrationId, job.eventId, job.handler,
                    pause, reason);
        } else {
            Log.errorf(e, "[%s] job %s (%s) failed unexpectedly, runs again in %s", job.migrationId, job.eventId,
                    job.handler, pause);
        }
        runAgainAfter(job, pause, reason);
    }

    private static Duration pauseAfter(int starts) {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(starts, 6)));
    }

    private void runAgainAfter(PhaseJob job, Duration pause, String detail) {
        try {
            store.runAgainAfter(job.eventId, pause, detail);
        } catch (RuntimeException ledgerDown) {
            // Still RUNNING in the table, started by this process: resumed at the next poll, not a crash.
            Log.errorf(ledgerDown, "[%s] cannot record that job %s runs again", job.migrationId, job.eventId);
        }
    }
}
