package io.jsonmig.verification.report;

import io.jsonmig.verification.check.CountCheck;
import io.jsonmig.verification.check.TableVerification;
import io.jsonmig.verification.smoke.SmokeCheckResult;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying one attempt of a run, served at {@code /verifications/{migrationId}} (JSON)
 * and {@code /verifications/{migrationId}.html}: the summary and the failures first, then the counts,
 * each table's figures and differences, the smoke checks and the timings. A reverse sync's export is
 * verified into a report of its own {@link #kind}, at {@code /verifications/{migrationId}/reverse-sync}.
 */
@Entity
@Table(name = "verification_report")
@JsonPropertyOrder({"migrationId", "attempt", "kind", "passed", "summary", "failures", "mode", "targetProfile", "snapshotId",
        "startedAt", "finishedAt", "durationMillis", "checks", "tables", "smokeChecks"})
public class VerificationReport extends PanacheEntity {

    /** The verification of the load: the backup's snapshot against the tables it filled. */
    public static final String FORWARD = "forward";
    /** After the cut-over: the reverse sync's export against the fenced tables. */
    public static final String REVERSE_SYNC = "reverse-sync";

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    /** {@link #FORWARD} or {@link #REVERSE_SYNC}. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "target_profile", nullable = false)
    public String targetProfile;

    @Column(name = "snapshot_id")
    public String snapshotId;

    @Column(nullable = false)
    public boolean passed;

    @Column(nullable = false, columnDefinition = "text")
    public String summary;

    /** {@code full}, or which tables were compared row by row on a sample. */
    @Column(nullable = false, columnDefinition = "text")
    public String mode;

    /** Every problem found, in the order of the checks. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> failures;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<CountCheck> checks;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<TableVerification> tables;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "smoke_checks", nullable = false, columnDefinition = "jsonb")
    public List<SmokeCheckResult> smokeChecks;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    public long getDurationMillis() {
        return Duration.between(startedAt, finishedAt).toMillis();
    }

    /** The tables that failed first, then the others, each group in load order. */
    @JsonIgnore
    public List<TableVerification> getTablesFailedFirst() {
        return tables.stream().sorted(Comparator.comparing(TableVerification::passed)).toList();
    }

    /** What the page is headed with. */
    @JsonIgnore
    public String getTitle() {
        return isReverseSync() ? "Reverse sync verification" : "Verification";
    }

    @JsonIgnore
    public boolean isReverseSync() {
        return REVERSE_SYNC.equals(kind);
    }

    /** The forward report of the run's latest verified attempt. */
    public static Optional<VerificationReport> latestFor(String migrationId) {
        return latestFor(migrationId, FORWARD);
    }

    /** The report of that kind of the run's latest attempt that has one. */
    public static Optional<VerificationReport> latestFor(String migrationId, String kind) {
        return find("migrationId = ?1 and kind = ?2 order by attempt desc", migrationId, kind).firstResultOptional();
    }

    static Optional<VerificationReport> of(String migrationId, int attempt, String kind) {
        return find("migrationId = ?1 and attempt = ?2 and kind = ?3", migrationId, attempt, kind)
                .firstResultOptional();
    }
}
