package io.jsonmig.migration.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * The target of a run as it was before the run changed anything. The first capture of a migration
 * wins: a redelivered or retried event must not mistake the run's own objects for pre-existing ones.
 */
@Entity
@Table(name = "target_capture")
public class TargetCapture extends PanacheEntityBase {

    /** The table Flyway keeps its history in, in the default schema; the schema step configures Flyway with it. */
    public static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** Prisma Migrate's history table, in the default schema like Prisma's own (a URL without {@code ?schema=}). */
    public static final String PRISMA_HISTORY = "_prisma_migrations";

    @Id
    @Column(name = "migration_id")
    public String migrationId;

    @Column(name = "target_profile", nullable = false)
    public String targetProfile;

    /** The schema of unqualified names, Flyway's history table included. */
    @Column(name = "default_schema", nullable = false)
    public String defaultSchema;

    @Column(name = "flyway_history_existed", nullable = false)
    public boolean flywayHistoryExisted;

    @Column(name = "prisma_history_existed", nullable = false)
    public boolean prismaHistoryExisted;

    @Column(name = "captured_at", nullable = false)
    public Instant capturedAt;

    /** When the objects the schema step created were last recorded; null if it never got that far. */
    @Column(name = "schema_diff_at")
    public Instant schemaDiffAt;

    public static Optional<TargetCapture> of(String migrationId) {
        return findByIdOptional(migrationId);
    }
}
