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
 * A connection to a run's target that holds jsonmig's advisory lock on that database until it
 * closes. Advisory locks belong to one database, and one key serves every run: on a target, one
 * jsonmig migration or compensation changes it at a time, whichever run it belongs to and whichever
 * instance of the service runs it, because each of them compares the whole catalog with a capture.
 */
public final class TargetSession implements AutoCloseable {

    /** The key of jsonmig's advisory lock, the same in every target database. */
    public static final long LOCK_KEY = UUID.nameUUIDFromBytes("jsonmig-target".getBytes(StandardCharsets.UTF_8))
            .getMostSignificantBits();

    private final TargetDatabase database;
    private final Connection connection;
    private final String defaultSchema;

    private TargetSession(TargetDatabase database, Connection connection, String defaultSchema) {
        this.database = database;
        this.connection = connection;
        this.defaultSchema = defaultSchema;
    }

    /** Connects and waits until no other jsonmig migration or compensation holds the target. */
    public static TargetSession open(TargetDatabase database) {
        Connection connection = connect(database);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            String schema = defaultSchema(database, connection);
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

    /**
     * Where unqualified names lie for a connection to {@code database}: the schema the database is scoped to (a
     * dry run's throwaway schema, which its run creates after the capture), else the connection's current schema.
     */
    public static String defaultSchema(TargetDatabase database, Connection connection) throws SQLException {
        return database.schema() != null ? database.schema() : currentSchema(connection);
    }

    /** Where unqualified names lie for this connection; null when its search_path names no existing schema. */
    public static String currentSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing also releases the advisory lock; a broken connection has lost it already
        }
    }
}
