package io.jsonmig.verification.report;

import io.jsonmig.verification.check.CountCheck;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcome of verifying one attempt of a run, served at {@code /verifications/{migrationId}}. */
@Entity
@Table(name = "verification_report")
public class VerificationReport extends PanacheEntity {

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "target_profile", nullable = false)
    public String targetProfile;

    @Column(name = "snapshot_id")
    public String snapshotId;

    @Column(nullable = false)
    public boolean passed;

    @Column(nullable = false, columnDefinition = "text")
    public String summary;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<CountCheck> checks;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    /** The report of the run's latest verified attempt. */
    public static Optional<VerificationReport> latestFor(String migrationId) {
        return find("migrationId = ?1 order by attempt desc", migrationId).firstResultOptional();
    }

    static Optional<VerificationReport> of(String migrationId, int attempt) {
        return find("migrationId = ?1 and attempt = ?2", migrationId, attempt).firstResultOptional();
    }
}
