package io.jsonmig.migration.schema;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A schema migration a run applied to its target. */
@Entity
@Table(name = "applied_migration")
public class AppliedMigration extends PanacheEntity {

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    /** Null for a repeatable migration. */
    public String version;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String script;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    /** The id of the row the run added to {@code _prisma_migrations}; null for a Flyway migration. */
    @Column(name = "prisma_id")
    public String prismaId;

    /** When the compensation removed its row from a Flyway or Prisma history that existed before the run. */
    @Column(name = "compensated_at")
    public Instant compensatedAt;

    public static List<AppliedMigration> notCompensated(String migrationId) {
        return list("migrationId = ?1 and compensatedAt is null order by id", migrationId);
    }
}
