package io.jsonmig.migration.schema;

import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.support.messaging.PhaseFailure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prisma Migrate's history table in the target, {@code _prisma_migrations} in the default schema, read
 * and written the way Prisma's schema engine does, so that the application's later
 * {@code prisma migrate deploy} sees jsonmig's migrations applied.
 */
public final class PrismaHistory {

    public static final String TABLE = TargetCapture.PRISMA_HISTORY;

    /** Prisma's own DDL for PostgreSQL (the primary key gets PostgreSQL's name {@code _prisma_migrations_pkey}). */
    private static final String CREATE = """
            CREATE TABLE %s (
                id                  VARCHAR(36) PRIMARY KEY NOT NULL,
                checksum            VARCHAR(64) NOT NULL,
                finished_at         TIMESTAMPTZ,
                migration_name      VARCHAR(255) NOT NULL,
                logs                TEXT,
                rolled_back_at      TIMESTAMPTZ,
                started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
                applied_steps_count INTEGER NOT NULL DEFAULT 0
            )""";

    private final Connection connection;
    private final TableName table;

    public PrismaHistory(Connection connection, String defaultSchema) {
        this.connection = connection;
        this.table = new TableName(defaultSchema, TABLE);
    }

    public TableName table() {
        return table;
    }

    /**
     * The project's migrations the target has not applied, in order. Like Prisma, a migration whose
     * last attempt failed (not finished, not rolled back) blocks everything; unlike Prisma's deploy,
     * an applied migration whose file has changed since is refused, because the target would not
     * match the project.
     */
    public List<PrismaMigration> pending(PrismaProject project) throws SQLException {
        Map<String, List<Row>> rows = rows();
        List<String> problems = new ArrayList<>();
        List<PrismaMigration> pending = new ArrayList<>();
        for (PrismaMigration migration : project.migrations()) {
            List<Row> attempts = rows.getOrDefault(migration.name(), List.of());
            Row applied = attempts.stream().filter(Row::applied).findFirst().orElse(null);
            if (applied != null) {
                if (!applied.checksum().equals(migration.checksum())) {
                    problems.add("Prisma migration " + migration.name() + " was changed after it was applied to the "
                            + "target: " + migration.script() + " has checksum " + migration.checksum() + ", "
                            + table + " records " + applied.checksum());
                }
            } else if (attempts.stream().anyMatch(Row::failed)) {
                problems.add("Prisma migration " + migration.name() + " failed in the target earlier and is recorded "
                        + "as failed in " + table + "; resolve it first (prisma migrate resolve)");
            } else {
                pending.add(migration);
            }
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.get(0), problems);
        }
        return pending;
    }

    public void createIfAbsent() throws SQLException {
        if (!exists()) {
            try (Statement s = connection.createStatement()) {
                s.execute(CREATE.formatted(table.sql()));
            }
        }
    }

    /** Prisma records a migration before running it; a migration that then fails keeps finished_at null. */
    public void started(String id, PrismaMigration migration) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + table.sql()
                + " (id, checksum, migration_name, started_at) VALUES (?, ?, ?, now())")) {
            s.setString(1, id);
            s.setString(2, migration.checksum());
            s.setString(3, migration.name());
            s.executeUpdate();
        }
    }

    /** Prisma counts one step per migration script. */
    public void finished(String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + table.sql()
                + " SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    public void failed(String id, String logs) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + table.sql() + " SET logs = ? WHERE id = ?")) {
            s.setString(1, logs);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    private boolean exists() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table.sql());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Map<String, List<Row>> rows() throws SQLException {
        Map<String, List<Row>> rows = new HashMap<>();
        if (!exists()) {
            return rows;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT migration_name, checksum, finished_at IS NOT NULL, "
                     + "rolled_back_at IS NOT NULL FROM " + table.sql() + " ORDER BY started_at")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
                        .add(new Row(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        return rows;
    }

    private record Row(String checksum, boolean finished, boolean rolledBack) {
        boolean applied() {
            return finished && !rolledBack;
        }

        boolean failed() {
            return !finished && !rolledBack;
        }
    }
}
