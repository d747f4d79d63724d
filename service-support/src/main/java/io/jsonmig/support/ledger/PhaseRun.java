package io.jsonmig.support.ledger;

import io.jsonmig.events.Phase;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One execution of a phase (or of a compensation) by this service, for one run and attempt. */
@Entity
@Table(name = "phase_run")
public class PhaseRun extends PanacheEntity {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(columnDefinition = "text")
    public String detail;

    public static List<PhaseRun> forMigration(String migrationId) {
        return list("migrationId = ?1 order by startedAt", migrationId);
    }
}
