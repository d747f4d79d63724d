package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code _jsonmig_loaded_keys} in the target's default schema: the primary keys of the rows an append
 * run added to a table that already held rows, written in the chunk's transaction. A rollback
 * deletes exactly those rows and leaves the table's own. Created only by append runs, and recorded as
 * one of the run's objects.
 */
public final class LoadedKeys {

    public static final String NAME = "_jsonmig_loaded_keys";

    private LoadedKeys() {
    }

    public static void ensure(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + Identifiers.qualified(schema, NAME) + " (migration_id text NOT NULL, "
                    + "table_name text NOT NULL, key jsonb NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + Identifiers.quote(NAME + "_run") + " ON "
                    + Identifiers.qualified(schema, NAME) + " (migration_id, table_name)");
        }
    }

    /** In the chunk's transaction: the keys of the staged rows nobody refused, which the chunk inserts. */
    static void recordAccepted(Connection connection, String schema, String migrationId, TableName table,
                               List<String> primaryKey, String acceptedRows) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + Identifiers.qualified(schema, NAME)
                + " (migration_id, table_name, key) SELECT ?, ?, " + KeyObject.of(primaryKey) + " " + acceptedRows)) {
            s.setString(1, migrationId);
            s.setString(2, table.toString());
            KeyObject.bind(s, 3, primaryKey);
            s.executeUpdate();
        }
    }

    /**
     * Deletes the rows the run added to the table, matched by primary key with the key's values read
     * back into the table's own column types; returns how many.
     */
    public static long deleteAdded(Connection connection, String schema, String migrationId, TableName table,
                                   List<String> primaryKey) throws SQLException {
        String columns = primaryKey.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String keyColumns = primaryKey.stream().map(c -> "k." + Identifiers.quote(c)).collect(Collectors.joining(", "));
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table.sql() + " WHERE (" + columns
                + ") IN (SELECT " + keyColumns + " FROM " + Identifiers.qualified(schema, NAME)
                + " l CROSS JOIN LATERAL jsonb_populate_record(NULL::" + table.sql() + ", l.key) k"
                + " WHERE l.migration_id = ? AND l.table_name = ?)")) {
            s.setString(1, migrationId);
            s.setString(2, table.toString());
            return s.executeLargeUpdate();
        }
    }
}
