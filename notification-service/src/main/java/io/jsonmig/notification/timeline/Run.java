package io.jsonmig.notification.timeline;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;

/**
 * One run: the state folded from its events so far, and the fields the run list shows, kept in
 * step with it.
 */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {

    @Id
    @Column(name = "migration_id")
    public String migrationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "target_profile")
    public String targetProfile;

    @Column(name = "failure_reason", columnDefinition = "text")
    public String failureReason;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** The trace of attempt {@link #traceAttempt}, begun by its migration.requested or retry.requested. */
    @Column(name = "trace_id")
    public String traceId;

    @Column(name = "trace_attempt")
    public Integer traceAttempt;

    /** The folded {@link RunState} as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String state;

    /**
     * The run's row, created when this is its first event, and locked until the transaction ends:
     * events of one run arrive on several topics and may be handled by several instances at once,
     * so each folds into the state the previous one left.
     */
    static Run lockOrCreate(String migrationId) {
        getEntityManager()
                .createNativeQuery("INSERT INTO {h-schema}run (migration_id, status, state)"
                        + " VALUES (:migrationId, :status, cast(:state as jsonb))"
                        + " ON CONFLICT (migration_id) DO NOTHING")
                .setParameter("migrationId", migrationId)
                .setParameter("status", RunStatus.REQUESTED.name())
                .setParameter("state", RunStateJson.write(RunState.initial(migrationId)))
                .executeUpdate();
        return findById(migrationId, LockModeType.PESSIMISTIC_WRITE);
    }

    RunState runState() {
        return RunStateJson.read(state);
    }

    void show(RunState folded) {
        status = folded.status();
        phase = folded.phase();
        startedAt = folded.startedAt();
        updatedAt = folded.updatedAt();
        targetProfile = folded.spec() == null ? null : folded.spec().targetProfile();
        failureReason = folded.failureReason();
        dryRun = folded.spec() != null && folded.spec().dryRun();
        state = RunStateJson.write(folded);
    }

    /** Runs that have not reported their start yet sort by their latest event. */
    static List<RunSummary> newestFirst(int limit) {
        return find("order by coalesce(startedAt, updatedAt) desc nulls last, migrationId desc")
                .project(RunSummary.class)
                .page(0, limit)
                .list();
    }
}
