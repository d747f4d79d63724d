package io.jsonmig.support.job;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.ledger.EventLedger;
import io.jsonmig.support.tracing.RunTraces;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code phase_job} table: recording jobs together with their event in the processed-event ledger
 * (one transaction, so an event is either a job or redelivered), and every change of a job's state.
 */
@ApplicationScoped
public class JobStore {

    /** This process, among every process that ever ran the service's jobs. */
    static final String PROCESS = ProcessHandle.current().pid() + "/" + UUID.randomUUID();

    private final EventLedger ledger;
    private final Clock clock;
    private final RunTraces traces;

    public JobStore(EventLedger ledger, Clock clock, RunTraces traces) {
        this.ledger = ledger;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Records the job unless its event was handled before. A forward job of an attempt that is being
     * rolled back is recorded as cancelled: a late event must not start a phase nobody will undo.
     *
     * @return whether the event was new
     */
    @Transactional
    public boolean record(EventEnvelope event, String handler, boolean compensation, Instant notBefore) {
        if (ledger.isProcessed(event.eventId()) || PhaseJob.findById(event.eventId()) != null) {
            Log.infof("[%s] %s %s already handled: ignoring the redelivery", event.migrationId(),
                    event.type().wireName(), event.eventId());
            return false;
        }
        Instant now = Instant.now(clock);
        PhaseJob job = new PhaseJob();
        job.eventId = event.eventId();
        job.migrationId = event.migrationId();
        job.attempt = event.attempt();
        job.handler = handler;
        job.compensation = compensation;
        job.event = EventJson.toJson(event);
        job.notBefore = notBefore.isBefore(now) ? now : notBefore;
        job.createdAt = now;
        job.status = PhaseJob.Status.PENDING;
        job.traceparent = traces.currentTraceparent().orElse(null);
        if (compensation) {
            cancelForwardJobs(event);
        } else {
            rollbackOf(event.migrationId(), event.attempt()).ifPresent(rollback -> {
                job.status = PhaseJob.Status.CANCELLED;
                job.cancelReason = "attempt " + event.attempt() + " is being rolled back (" + rollback.eventId
                        + "): " + event.type().wireName() + " starts nothing";
                job.finishedAt = now;
                Log.warnf("[%s] %s", event.migrationId(), job.cancelReason);
            });
        }
        job.persist();
        ledger.markProcessed(event);
        return true;
    }

    /** Every unfinished forward job of the run up to the rollback's attempt stops at its next checkpoint. */
    private void cancelForwardJobs(EventEnvelope rollback) {
        List<PhaseJob> running = PhaseJob.list("migrationId = ?1 and attempt <= ?2 and compensation = false "
                + "and status in ?3 and cancelReason is null", rollback.migrationId(), rollback.attempt(),
                PhaseJob.UNFINISHED);
        for (PhaseJob job : running) {
            job.cancelReason = "rollback requested: " + rollback.payload().describe();
            Log.infof("[%s] cancelling job %s (%s): %s", job.migrationId, job.eventId, job.handler, job.cancelReason);
        }
    }

    private static Optional<PhaseJob> rollbackOf(String migrationId, int attempt) {
        return PhaseJob.find("migrationId = ?1 and attempt >= ?2 and compensation = true", migrationId, attempt)
                .firstResultOptional();
    }

    /** Unfinished jobs that may run now, oldest first, each the oldest unfinished job of its run. */
    @Transactional
    public List<PhaseJob> runnable(int limit) {
        return PhaseJob.<PhaseJob>find("""
                        from PhaseJob j where j.status in ?1 and (j.notBefore <= ?2 or j.cancelReason is not null)
                        and not exists (from PhaseJob o where o.migrationId = j.migrationId and o.status in ?1
                                        and (o.createdAt < j.createdAt
                                             or (o.createdAt = j.createdAt and o.eventId < j.eventId)))
                        order by j.createdAt, j.eventId""", PhaseJob.UNFINISHED, Instant.now(clock))
                .page(0, limit).list();
    }

    /**
     * Marks a claimed job started, unless it finished meanwhile or was cancelled before it began
     * (then it is closed as cancelled and not run).
     *
     * @return the job to run
     */
    @Transactional
    public Optional<PhaseJob> start(String eventId) {
        PhaseJob job = PhaseJob.findById(eventId);
        if (job == null || job.status.finished()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        if (job.status == PhaseJob.Status.PENDING && job.cancelReason != null) {
            job.status = PhaseJob.Status.CANCELLED;
            job.finishedAt = now;
            job.detail = "cancelled before it began";
            Log.infof("[%s] job %s (%s) cancelled before it began: %s", job.migrationId, job.eventId, job.handler,
                    job.cancelReason);
            return Optional.empty();
        }
        if (job.status == PhaseJob.Status.RUNNING && !PROCESS.equals(job.startedBy)) {
            // Under the claim, so the process that ran it last lost its claim without finishing: it died
            // (killed, out of memory with -XX:+ExitOnOutOfMemoryError) or lost its database.
            job.crashes++;
        }
        job.startedBy = PROCESS;
        job.status = PhaseJob.Status.RUNNING;
        job.starts++;
        job.startedAt = now;
        return Optional.of(job);
    }

    @Transactional
    public Optional<String> cancelReason(String eventId) {
        PhaseJob job = PhaseJob.findById(eventId);
        return job == null ? Optional.empty() : Optional.ofNullable(job.cancelReason);
    }

    @Transactional
    public void finish(String eventId, PhaseJob.Status status, String detail) {
        PhaseJob job = PhaseJob.findById(eventId);
        job.status = status;
        job.finishedAt = Instant.now(clock);
        job.detail = detail;
    }

    /**
     * Records that the job will never run again, before its handler tells the run: a restart in between
     * only repeats the telling.
     */
    @Transactional
    public void abandon(String eventId, String reason) {
        PhaseJob job = PhaseJob.findById(eventId);
        if (job.abandonReason == null) {
            job.abandonReason = reason;
        }
    }

    /** Back to pending after an interruption; it resumes from its checkpoints once {@code delay} has passed. */
    @Transactional
    public void runAgainAfter(String eventId, Duration delay, String detail) {
        PhaseJob job = PhaseJob.findById(eventId);
        job.status = PhaseJob.Status.PENDING;
        job.notBefore = Instant.now(clock).plus(delay);
        job.detail = detail;
    }

    @Transactional
    public List<PhaseJob> forMigration(String migrationId) {
        return PhaseJob.forMigration(migrationId);
    }
}
