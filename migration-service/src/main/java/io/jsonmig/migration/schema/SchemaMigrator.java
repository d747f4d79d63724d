package io.jsonmig.migration.schema;

import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetDatabase;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.postgresql.util.PSQLException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a run's schema migrations to its target (Flyway's versioned SQL migrations, or a Prisma
 * project's migrations folder), then records what they created, whether they all succeeded or one
 * failed half-way.
 */
@ApplicationScoped
public class SchemaMigrator {

    private final TargetChanges changes;
    private final PrismaMigrator prisma;
    private final Clock clock;

    public SchemaMigrator(TargetChanges changes, PrismaMigrator prisma, Clock clock) {
        this.changes = changes;
        this.prisma = prisma;
        this.clock = clock;
    }

    /**
     * @return every script the attempt applied, e.g. {@code V1__create_tables.sql}, or Prisma folder, e.g.
     *         {@code 20240101000000_init}, in the order applied: also those applied before the service was
     *         restarted, which the phase, running again, finds applied already
     */
    public List<String> apply(String migrationId, int attempt, SchemaSource schema, TargetSession session) {
        RuntimeException failure = null;
        List<String> scripts = List.of();
        if (schema.prisma().isPresent()) {
            try {
                scripts = prisma.apply(migrationId, attempt, schema.prisma().get(), session);
            } catch (RuntimeException e) {
                failure = e;
            }
        } else {
            List<MigrateOutput> applied;
            try {
                applied = flyway(session.database(), schema.directory()).migrate().getSuccessfulMigrations();
            } catch (FlywayMigrateException e) {
                failure = new PhaseFailure(describe(e));
                applied = e.getErrorResult() == null ? List.of() : e.getErrorResult().getSuccessfulMigrations();
            } catch (FlywayException e) {
                failure = new PhaseFailure("the schema migrations in " + schema.directory() + " cannot be applied to "
                        + TargetSession.describe(session.database()) + ": " + oneLine(e.getMessage()));
                applied = List.of();
            }
            scripts = record(migrationId, attempt, applied);
        }
        // Whether the migrations succeeded or one failed half-way: the rollback must find what they created.
        try {
            changes.recordCreated(migrationId, session);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            throw new PhaseFailure(failure.getMessage(), List.of(failure.getMessage(), e.getMessage()));
        }
        if (failure != null) {
            throw failure;
        }
        Log.infof("[%s] applied %d schema migration(s) to %s: %s", migrationId, scripts.size(),
                TargetSession.describe(session.database()), scripts);
        return appliedBy(migrationId, attempt);
    }

    @Transactional
    List<String> appliedBy(String migrationId, int attempt) {
        return AppliedMigration.<AppliedMigration>list("migrationId = ?1 and attempt = ?2 order by id", migrationId,
                attempt).stream().map(m -> m.script).toList();
    }

    /**
     * The migrations the target has not applied yet, in the order they would be applied: Flyway's pending
     * scripts, or the Prisma folders missing from {@code _prisma_migrations}. An applied Prisma migration
     * whose file changed since, or one recorded as failed, is a failure naming it.
     */
    public static List<String> pending(SchemaSource schema, TargetDatabase target, Connection connection) {
        if (schema.prisma().isPresent()) {
            try {
                return new PrismaHistory(connection, TargetSession.defaultSchema(target, connection))
                        .pending(schema.prisma().get()).stream().map(PrismaMigration::name).toList();
            } catch (SQLException e) {
                throw new PhaseFailure("cannot read " + PrismaHistory.TABLE + " in " + TargetSession.describe(target)
                        + ": " + e.getMessage());
            }
        }
        try {
            return Arrays.stream(flyway(target, schema.directory()).info().pending())
                    .map(MigrationInfo::getScript).toList();
        } catch (FlywayException e) {
            throw new PhaseFailure("cannot list the pending schema migrations of " + schema.directory() + " for "
                    + TargetSession.describe(target) + ": " + oneLine(e.getMessage()));
        }
    }

    /**
     * The applied migrations that no longer match the schema directory: a script whose checksum changed
     * since it was applied, one recorded as failed, one applied but gone from the directory. Flyway's
     * validation, which reads the history and changes nothing; pending migrations are not a problem here.
     * (For a Prisma project, {@link #pending} reports them.)
     */
    public static List<String> changedMigrations(SchemaSource schema, TargetDatabase target) {
        if (schema.prisma().isPresent()) {
            return List.of();
        }
        ValidateResult result;
        try {
            result = flywayConfig(target, schema.directory()).ignoreMigrationPatterns("*:pending", "*:future")
                    .load().validateWithResult();
        } catch (FlywayException e) {
            return List.of("cannot validate the applied schema migrations of " + schema.directory() + " for "
                    + TargetSession.describe(target) + ": " + oneLine(e.getMessage()));
        }
        if (result.validationSuccessful || result.invalidMigrations == null) {
            return List.of();
        }
        return result.invalidMigrations.stream().map(invalid -> "applied schema migration "
                + (invalid.filepath == null || invalid.filepath.isEmpty() ? invalid.version + " " + invalid.description
                : Path.of(invalid.filepath).getFileName().toString()) + " no longer matches "
                + TargetSession.describe(target) + ": " + oneLine(invalid.errorDetails == null ? "invalid"
                : invalid.errorDetails.errorMessage)).toList();
    }

    private static Flyway flyway(TargetDatabase target, Path schemaDir) {
        return flywayConfig(target, schemaDir).load();
    }

    private static FluentConfiguration flywayConfig(TargetDatabase target, Path schemaDir) {
        FluentConfiguration configuration = Flyway.configure();
        if (target.schema() != null) {
            // A dry run: the history table too goes to the throwaway schema, which the run has created itself.
            configuration.schemas(target.schema()).defaultSchema(target.schema()).createSchemas(false);
        }
        return configuration
                .dataSource(new TargetDataSource(target))
                .locations("filesystem:" + schemaDir)
                .table(TargetCapture.FLYWAY_HISTORY)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // SQL is applied as written: "${...}" in a migration is not a Flyway placeholder here.
                .placeholderReplacement(false)
                // A target that already holds unrelated objects is fine: jsonmig checks its own tables and
                // removes only what the run creates.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("jsonmig: objects present before the run");
    }

    @Transactional
    List<String> record(String migrationId, int attempt, List<MigrateOutput> applied) {
        Instant now = Instant.now(clock);
        return applied.stream().map(output -> {
            AppliedMigration migration = new AppliedMigration();
            migration.migrationId = migrationId;
            migration.attempt = attempt;
            migration.version = output.version == null || output.version.isEmpty() ? null : output.version;
            migration.description = output.description;
            migration.script = Path.of(output.filepath).getFileName().toString();
            migration.appliedAt = now;
            migration.persist();
            return migration.script;
        }).toList();
    }

    /** Names the failing migration file and gives PostgreSQL's own message. */
    static String describe(FlywayMigrateException e) {
        MigrationInfo migration = e.getMigration();
        String script = migration != null ? migration.getScript() : "?";
        String line = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() : "";
        SQLException sql = sqlCause(e);
        String message = sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getSeverity() + ": " + psql.getServerErrorMessage().getMessage()
                : sql != null ? sql.getMessage() : e.getMessage();
        return "schema migration " + script + " failed" + line + ": " + oneLine(message)
                + (e.getSqlState() != null ? " (SQL state " + e.getSqlState() + ")" : "");
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
