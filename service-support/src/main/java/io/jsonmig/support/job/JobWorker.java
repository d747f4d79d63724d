package io.jsonmig.support.job;

import io.agroal.api.AgroalDataSource;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.messaging.FailureReason;
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
import java.util.ArrayList;
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
 */
@ApplicationScoped
public class JobWorker {

    private final JobStore store;
    private final AgroalDataSource dataSource;
    private final JobsConfig config;
    private final Clock clock;
    private final String namespace;
    private final Map<String, JobHandler> handlers;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeUp = wakeLock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private final List<WorkerWatch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private long wakeUps;

    public JobWorker(JobStore store, AgroalDataSource dataSource, JobsConfig config, Clock clock,
                     Instance<JobHandler> handlers, @ConfigProperty(name = "quarkus.application.name") String service) {
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
            WorkerWatch watching = new WorkerWatch();
            Thread thread = watching.thread(() -> work(watching), "jsonmig-job-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            watches.add(watching);
            thread.start();
        }
        Log.infof("%d job worker(s) for %s", threads.size(), handlers.keySet());
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        Instant now = Instant.now(clock);
        return watches.stream().flatMap(w -> w.problem(now, config.stuckAfter()).stream()).toList();
    }

    private void work(WorkerWatch watching) {
        while (running) {
            long seen = wakeUps();
            boolean ran;
            try {
                ran = runOne(watching);
            } catch (RuntimeException | SQLException e) {
                Log.errorf(e, "the job worker cannot read its jobs; trying again in %s", config.pollInterval());
                ran = false;
            } catch (Error e) {
                // Out of memory while reading the jobs, say: the worker lives on, the next poll may succeed.
                Log.errorf(e, "the job worker failed with %s; trying again in %s", e, config.pollInterval());
                ran = false;
            } finally {
                watching.idle();
            }
            if (!ran) {
                awaitWakeUp(seen);
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

    private void awaitWakeUp(long seen) {
        wakeLock.lock();
        try {
            if (wakeUps == seen && running) {
                wakeUp.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            wakeLock.unlock();
        }
    }

    /** @return whether a job was run (or closed), so that the worker looks again at once */
    private boolean runOne(WorkerWatch watching) throws SQLException {
        for (PhaseJob candidate : store.runnable(4 * config.workers())) {
            Optional<JobClaim> claim = JobClaim.tryClaim(dataSource, namespace, candidate.migrationId);
            if (claim.isEmpty()) {
                continue; // another worker runs this run's jobs
            }
            try (JobClaim held = claim.get()) {
                // Read again under the claim: it may have finished between the query and the lock.
                Optional<PhaseJob> job = store.start(candidate.eventId);
                if (job.isPresent()) {
                    run(job.get(), held, watching);
                }
                return true;
            }
        }
        return false;
    }

    private void run(PhaseJob job, JobClaim claim, WorkerWatch watching) {
        JobHandler handler = handlers.get(job.handler);
        if (handler == null) {
            store.finish(job.eventId, PhaseJob.Status.FAILED, "no handler '" + job.handler + "' in this service");
            Log.errorf("[%s] job %s names the handler '%s', which this service does not have", job.migrationId,
                    job.eventId, job.handler);
            return;
        }
        EventEnvelope event = EventJson.fromBytes(job.event.getBytes(StandardCharsets.UTF_8));
        if (job.crashes > config.maxCrashes()) {
            abandon(job, handler, event, "the service stopped " + job.crashes + " times while running this job ("
                    + job.handler + ", last started " + job.startedAt + "), which is not run again: out of memory?"
                    + " See its log for 'OutOfMemoryError' or 'Terminating'");
            return;
        }
        if (job.starts > 1) {
            Log.infof("[%s] resuming job %s (%s, start %d): it did not finish before", job.migrationId, job.eventId,
                    job.handler, job.starts);
        }
        watching.started(job, Instant.now(clock));
        Cancellation cancellation = new Cancellation(() -> {
            watching.checkpoint(Instant.now(clock));
            return cancelReason(job, claim);
        }, config.cancelCheckInterval(), clock);
        try {
            handler.run(event, cancellation);
            store.finish(job.eventId, PhaseJob.Status.DONE, null);
        } catch (PhaseCancelled e) {
            Log.warnf("[%s] job %s (%s) stopped at a checkpoint: %s", job.migrationId, job.eventId, job.handler,
                    e.getMessage());
            store.finish(job.eventId, PhaseJob.Status.CANCELLED, e.getMessage());
        } catch (RuntimeException e) {
            interrupted(job, e);
        } catch (Error e) {
            // Whatever the handler held is unreachable now, so the memory is back; running the job again
            // would meet the same error: it ends here, and the run rolls back.
            Log.errorf(e, "[%s] job %s (%s) failed with an error and is not run again", job.migrationId,
                    job.eventId, job.handler);
            abandon(job, handler, event, FailureReason.of(e));
        }
    }

    /** A job that cannot finish: failed for good, and the handler reports it so that the run does not wait. */
    private void abandon(PhaseJob job, JobHandler handler, EventEnvelope event, String reason) {
        String detail = "abandoned: " + reason;
        try {
            handler.abandoned(event, reason);
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "[%s] cannot report that job %s (%s) was abandoned", job.migrationId, job.eventId,
                    job.handler);
            detail += "; reporting it failed: " + FailureReason.of(e);
        }
        store.finish(job.eventId, PhaseJob.Status.FAILED, detail);
        Log.errorf("[%s] job %s (%s) %s", job.migrationId, job.eventId, job.handler, detail);
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
     * An interruption, or an error the handler did not turn into events: the job runs again from its
     * checkpoints after a pause that grows with every start, until it has been started too often.
     */
    private void interrupted(PhaseJob job, RuntimeException e) {
        String reason = FailureReason.of(e);
        boolean expected = e instanceof JobInterruption interruption && interruption.runAgain();
        if (job.starts >= config.maxStarts()) {
            Log.errorf(e, "[%s] job %s (%s) gives up after %d starts: %s", job.migrationId, job.eventId, job.handler,
                    job.starts, reason);
            store.finish(job.eventId, PhaseJob.Status.FAILED, reason);
            return;
        }
        Duration pause = Duration.ofSeconds(Math.min(60, 1L << Math.min(job.starts, 6)));
        if (expected) {
            Log.warnf("[%s] job %s (%s) interrupted, runs again in %s: %s", job.migrationId, job.eventId, job.handler,
                    pause, reason);
        } else {
            Log.errorf(e, "[%s] job %s (%s) failed unexpectedly, runs again in %s", job.migrationId, job.eventId,
                    job.handler, pause);
        }
        try {
            store.runAgainAfter(job.eventId, pause, reason);
        } catch (RuntimeException ledgerDown) {
            // Still RUNNING in the table: it is resumed like a job of a crashed process.
            Log.errorf(ledgerDown, "[%s] cannot record that job %s runs again", job.migrationId, job.eventId);
        }
    }
}
