package io.jsonmig.migration.schema;

import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies a Prisma project's pending migrations like {@code prisma migrate deploy}: in folder order,
 * each recorded in {@code _prisma_migrations} before it runs, its script in one transaction together
 * with the row's completion; a failing script leaves its row unfinished with PostgreSQL's error as logs.
 */
@ApplicationScoped
public class PrismaMigrator {

    private final Clock clock;

    public PrismaMigrator(Clock clock) {
        this.clock = clock;
    }

    /** @return the folders applied, e.g. {@code 20240101000000_init} */
    public List<String> apply(String migrationId, int attempt, PrismaProject project, TargetSession session) {
        Connection connection = session.connection();
        PrismaHistory history = new PrismaHistory(connection, session.defaultSchema());
        List<String> applied = new ArrayList<>();
        try {
            connection.setAutoCommit(true);
            history.createIfAbsent();
            for (PrismaMigration migration : history.pending(project)) {
                String id = UUID.randomUUID().toString();
                // In the ledger before the target: a rollback after a crash in between removes a row that is not there.
                record(migrationId, attempt, migration, id);
                history.started(id, migration);
                run(connection, history, migration, id);
                applied.add(migration.name());
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot apply the Prisma migrations of " + project.directory() + " to "
                    + TargetSession.describe(session.database()) + ": " + e.getMessage());
        }
        Log.infof("[%s] applied %d Prisma migration(s) to %s: %s", migrationId, applied.size(),
                TargetSession.describe(session.database()), applied);
        return applied;
    }

    private static void run(Connection connection, PrismaHistory history, PrismaMigration migration, String id)
            throws SQLException {
        String script = read(migration);
        connection.setAutoCommit(false);
        try {
            execute(connection, migration, script);
            history.finished(id);
            connection.commit();
        } catch (ScriptFailure failure) {
            connection.rollback();
            connection.setAutoCommit(true);
            history.failed(id, failure.logs);
            throw new PhaseFailure(failure.getMessage());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Statement by statement as PgJDBC splits the script (it knows dollar quotes, comments and strings),
     * so that PostgreSQL's position within a statement becomes a line of the file.
     */
    private static void execute(Connection connection, PrismaMigration migration, String script)
            throws SQLException, ScriptFailure {
        int from = 0;
        for (NativeQuery query : Parser.parseJdbcSql(script, true, false, true, false, false)) {
            int at = script.indexOf(query.nativeSql, from);
            int offset = at < 0 ? from : at;
            from = at < 0 ? from : at + query.nativeSql.length();
            if (query.nativeSql.isBlank()) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.execute(query.nativeSql);
            } catch (SQLException e) {
                throw new ScriptFailure(migration, script, offset, e);
            }
        }
    }

    private static String read(PrismaMigration migration) {
        try {
            return Files.readString(migration.script());
        } catch (IOException e) {
            throw new PhaseFailure("cannot read Prisma migration " + migration.script() + ": " + e.getMessage());
        }
    }

    @Transactional
    void record(String migrationId, int attempt, PrismaMigration migration, String prismaId) {
        AppliedMigration row = new AppliedMigration();
        row.migrationId = migrationId;
        row.attempt = attempt;
        row.description = migration.name();
        row.script = migration.name();
        row.prismaId = prismaId;
        row.appliedAt = Instant.now(clock);
        row.persist();
    }

    /** Names the folder and the line, and gives PostgreSQL's own message; the logs column gets it too. */
    static final class ScriptFailure extends Exception {
        final String logs;

        ScriptFailure(PrismaMigration migration, String script, int statementOffset, SQLException e) {
            super(describe(migration, script, statementOffset, e));
            this.logs = "Database error code: " + e.getSQLState() + "\n\nDatabase error:\n" + e.getMessage();
        }

        private static String describe(PrismaMigration migration, String script, int statementOffset, SQLException e) {
            ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
            String line = "";
            if (server != null && server.getPosition() > 0) {
                line = " at line " + lineOf(script, statementOffset + server.getPosition() - 1);
            }
            String message = server != null ? server.getSeverity() + ": " + server.getMessage() : e.getMessage();
            return "Prisma migration " + migration.name() + " (" + migration.script() + ") failed" + line + ": "
                    + SchemaMigrator.oneLine(message) + (e.getSQLState() != null ? " (SQL state " + e.getSQLState() + ")" : "");
        }

        /** PostgreSQL's position counts characters from 1; lines count from 1 too. */
        static int lineOf(String script, int index) {
            int line = 1;
            for (int i = 0; i < Math.min(index, script.length()); i++) {
                if (script.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
