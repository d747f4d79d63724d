package io.jsonmig.migration.target;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.SafeUrl;
import io.jsonmig.support.target.TargetDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A connection to a run's target that holds the run's advisory lock until it closes, so the
 * migration and the compensation of one run never change the target at the same time, whichever
 * instance of the service runs them.
 */
public final class TargetSession implements AutoCloseable {

    private final TargetDatabase database;
    private final Connection connection;
    private final String defaultSchema;

    private TargetSession(TargetDatabase database, Connection connection, String defaultSchema) {
        this.database = database;
        this.connection = connection;
        this.defaultSchema = defaultSchema;
    }

    public static TargetSession open(TargetDatabase database, String migrationId) {
        Connection connection = connect(database);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, lockKey(migrationId));
                lock.execute();
            }
            String schema;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            if (schema == null) {
                throw new PhaseFailure(describe(database) + " has no current schema: its search_path names no "
                        + "existing schema");
            }
            return new TargetSession(database, connection, schema);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof PhaseFailure failure) {
                throw failure;
            }
            throw new PhaseFailure("cannot prepare " + describe(database) + ": " + e.getMessage());
        }
    }

    /** Connects, turning a refusal into a failure that names the profile and URL, never the password. */
    public static Connection connect(TargetDatabase database) {
        try {
            return database.connect();
        } catch (SQLException e) {
            throw new PhaseFailure("cannot reach " + describe(database) + ": " + e.getMessage());
        }
    }

    public static String describe(TargetDatabase database) {
        return "target profile '" + database.profile() + "' at " + SafeUrl.of(database.url());
    }

    public TargetDatabase database() {
        return database;
    }

    public Connection connection() {
        return connection;
    }

    /** Where unqualified names (the mapping's tables, Flyway's history table) live. */
    public String defaultSchema() {
        return defaultSchema;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static long lockKey(String migrationId) {
        return UUID.nameUUIDFromBytes(("jsonmig-target|" + migrationId).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing also releases the advisory lock; a broken connection has lost it already
        }
    }
}
