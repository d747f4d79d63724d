package io.jsonmig.support.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.List;

/**
 * One event's work, recorded before the event is acknowledged and run by a {@link JobWorker}.
 * <p>
 * Updates write only the columns they change: a rollback recording its cancel reason and the worker
 * finishing the job touch the same row at once, and neither may write back the other's stale state
 * (a finished job running again, say).
 */
@Entity
@DynamicUpdate
@Table(name = "phase_job")
public class PhaseJob extends PanacheEntityBase {

    public enum Status {
        PENDING, RUNNING, DONE, CANCELLED, FAILED;

        public boolean finished() {
            return this != PENDING && this != RUNNING;
        }
    }

    static final List<Status> UNFINISHED = List.of(Status.PENDING, Status.RUNNING);

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public String handler;

    @Column(nullable = false)
    public boolean compensation;

    /** The event as its JSON, so that the job can be run again from it after a restart. */
    @Column(nullable = false, columnDefinition = "text")
    public String event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** How often a worker began it: more than once means it was resumed after an interruption. */
    @Column(nullable = false)
    public int starts;

    /** The process that started it last ({@link JobStore#PROCESS}). */
    @Column(name = "started_by")
    public String startedBy;

    /** Starts that found the job still running: the service died under it (killed, out of memory). */
    @Column(nullable = false)
    public int crashes;

    /**
     * Set once the job will never run again (an {@link Error} in it, too many crashes): what is left is
     * telling the run, which is retried until it was published.
     */
    @Column(name = "abandon_reason", columnDefinition = "text")
    public String abandonReason;

    @Column(name = "cancel_reason", columnDefinition = "text")
    public String cancelReason;

    @Column(columnDefinition = "text")
    public String detail;

    /** The W3C traceparent of the event, when it was traced: the job's span continues that trace. */
    @Column(columnDefinition = "text")
    public String traceparent;

    public static List<PhaseJob> forMigration(String migrationId) {
        return list("migrationId = ?1 order by createdAt, eventId", migrationId);
    }
}
