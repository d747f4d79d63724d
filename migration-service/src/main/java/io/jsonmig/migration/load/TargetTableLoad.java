package io.jsonmig.migration.load;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * One collection loaded into one table by a run. Recorded before the first row is written, so the
 * compensation knows which pre-existing tables may hold the run's rows even after a crash.
 */
@Entity
@Table(name = "target_table_load")
public class TargetTableLoad extends PanacheEntity {

    public enum Status { LOADING, LOADED, FAILED }

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public String collection;

    @Column(name = "schema_name", nullable = false)
    public String schemaName;

    @Column(name = "table_name", nullable = false)
    public String tableName;

    /** The table existed (empty) before the run: the compensation empties it instead of dropping it. */
    @Column(name = "pre_existing", nullable = false)
    public boolean preExisting;

    /**
     * Rows the table held when the run first began to load it (an append run). Counted before this
     * record exists, so a restarted load never mistakes its own rows for the table's.
     */
    @Column(name = "rows_before", nullable = false)
    public long rowsBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "rows_loaded")
    public Long rowsLoaded;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "compensated_at")
    public Instant compensatedAt;

    public static List<TargetTableLoad> preExistingToEmpty(String migrationId) {
        return list("migrationId = ?1 and preExisting = true and compensatedAt is null order by id", migrationId);
    }
}
