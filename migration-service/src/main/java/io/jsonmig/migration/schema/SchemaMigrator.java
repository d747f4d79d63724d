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
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.postgresql.util.PSQLException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Applies a run's versioned SQL migrations to its target with Flyway, then records what they
 * created, whether they all succeeded or one failed half-way.
 */
@ApplicationScoped
public class SchemaMigrator {

    private final TargetChanges changes;
    private final Clock clock;

    public SchemaMigrator(TargetChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /** @return the scripts applied, e.g. {@code V1__create_tables.sql} */
    public List<String> apply(String migrationId, int attempt, Path schemaDir, TargetSession session) {
        TargetDatabase target = session.database();
        Flyway flyway = Flyway.configure()
                .dataSource(target.url(), target.user(), target.password())
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
                .baselineDescription("jsonmig: objects present before the run")
                .load();
        RuntimeException failure = null;
        List<MigrateOutput> applied;
        try {
            MigrateResult result = flyway.migrate();
            applied = result.getSuccessfulMigrations();
        } catch (FlywayMigrateException e) {
            failure = new PhaseFailure(describe(e));
            applied = e.getErrorResult() == null ? List.of() : e.getErrorResult().getSuccessfulMigrations();
        } catch (FlywayException e) {
            failure = new PhaseFailure("the schema migrations in " + schemaDir + " cannot be applied to "
                    + TargetSession.describe(target) + ": " + oneLine(e.getMessage()));
            applied = List.of();
        }
        List<String> scripts = record(migrationId, attempt, applied);
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
                TargetSession.describe(target), scripts);
        return scripts;
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

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
