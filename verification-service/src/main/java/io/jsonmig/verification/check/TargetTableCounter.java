package io.jsonmig.verification.check;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;

/**
 * Counts rows of target tables named in an event. Every count of one counter reads the same
 * database snapshot (one read-only, repeatable-read transaction). A name is resolved against the
 * catalog the way PostgreSQL resolves it in a query (schema-qualified, or by the search path),
 * and only the catalog's own names, quoted by the server, ever reach the SQL text.
 */
public final class TargetTableCounter implements AutoCloseable {

    /** The catalog's name for a relation, quoted, and its kind. */
    private static final String RESOLVE = """
            SELECT pg_catalog.format('%I.%I', n.nspname, c.relname), c.relkind
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE c.oid = pg_catalog.to_regclass(?)""";

    private static final Map<String, String> RELATION_KINDS = Map.of(
            "v", "a view", "m", "a materialized view", "f", "a foreign table", "S", "a sequence",
            "i", "an index", "I", "an index", "c", "a composite type", "t", "a TOAST table");

    private final TargetDatabase target;
    private final Connection connection;

    private TargetTableCounter(TargetDatabase target, Connection connection) {
        this.target = target;
        this.connection = connection;
    }

    public static TargetTableCounter open(TargetDatabase target) {
        Connection connection;
        try {
            connection = target.connect();
        } catch (SQLException e) {
            throw new PhaseFailure("cannot connect to target profile '" + target.profile() + "': " + e.getMessage());
        }
        try {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try (Statement session = connection.createStatement()) {
                // the text forms the row comparison reads values in, whatever the server's defaults
                session.execute("SET TimeZone = 'UTC'; SET extra_float_digits = 1; SET bytea_output = 'hex'; "
                        + "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'");
            }
            return new TargetTableCounter(target, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new PhaseFailure("cannot start a read-only transaction in target profile '" + target.profile()
                    + "': " + e.getMessage());
        }
    }

    /** The read-only, repeatable-read transaction every check of the run reads through. */
    public Connection connection() {
        return connection;
    }

    public TableCount count(String table) {
        try {
            Resolved resolved = resolve(table);
            if (resolved.problem() != null) {
                return TableCount.unavailable(table, resolved.problem());
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + resolved.quotedName())) {
                rows.next();
                return TableCount.counted(table, rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot count the rows of table " + table + " in target profile '"
                    + target.profile() + "': " + e.getMessage());
        }
    }

    private record Resolved(String quotedName, String problem) {
    }

    private Resolved resolve(String table) throws SQLException {
        if (table == null || table.isBlank()) {
            return new Resolved(null, "the migration named no table");
        }
        // A name PostgreSQL cannot parse raises an error, which would abort the whole transaction.
        Savepoint beforeResolving = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(RESOLVE)) {
            statement.setString(1, table);
            try (ResultSet found = statement.executeQuery()) {
                if (!found.next()) {
                    return new Resolved(null, "table " + table + " does not exist in target profile '"
                            + target.profile() + "'");
                }
                String kind = found.getString(2);
                if (!"r".equals(kind) && !"p".equals(kind)) {
                    return new Resolved(null, table + " in target profile '" + target.profile() + "' is "
                            + RELATION_KINDS.getOrDefault(kind, "a relation of kind " + kind) + ", not a table");
                }
                return new Resolved(found.getString(1), null);
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                connection.rollback(beforeResolving);
                return new Resolved(null, "'" + table + "' is not a valid table name: " + e.getMessage());
            }
            throw e;
        } finally {
            releaseQuietly(beforeResolving);
        }
    }

    private void releaseQuietly(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException ignored) {
            // already rolled back to it, or the transaction failed: the caller sees that error
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the counts are already taken
        }
    }
}
