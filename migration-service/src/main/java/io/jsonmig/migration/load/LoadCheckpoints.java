package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code _jsonmig_load_checkpoints} in the target's default schema: how far each table load of a run
 * has committed. A checkpoint is written in the transaction that commits its chunk's rows, so after
 * a crash the rows and the checkpoint agree, and the restarted load goes on from the next record:
 * no duplicate, no gap. Like {@code _jsonmig_rejects}, created by the run and recorded as one of its
 * objects, so a rollback removes it with the rest.
 */
public final class LoadCheckpoints {

    public static final String NAME = "_jsonmig_load_checkpoints";

    /**
     * @param nextPosition the first record not committed yet
     * @param bytes        bytes of the collection read up to that record
     * @param finished     the last chunk is committed: the table is loaded
     */
    public record Checkpoint(long nextPosition, long rows, long rejected, long bytes, boolean finished) {

        public static final Checkpoint START = new Checkpoint(0, 0, 0, 0, false);

        Checkpoint after(long lastPosition, long chunkRows, long chunkRejected, long bytesRead, boolean last) {
            return new Checkpoint(lastPosition + 1, rows + chunkRows, rejected + chunkRejected, bytesRead, last);
        }
    }

    private LoadCheckpoints() {
    }

    public static String qualified(String schema) {
        return Identifiers.qualified(schema, NAME);
    }

    public static void ensure(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified(schema) + " (migration_id text NOT NULL, "
                    + "attempt integer NOT NULL, collection text NOT NULL, table_name text NOT NULL, "
                    + "next_position bigint NOT NULL, rows_loaded bigint NOT NULL, rejected bigint NOT NULL, "
                    + "bytes_read bigint NOT NULL, finished boolean NOT NULL, updated_at timestamptz NOT NULL, "
                    + "PRIMARY KEY (migration_id, attempt, collection, table_name))");
        }
    }

    /** Where the table's load of this attempt stands; {@link Checkpoint#START} if nothing is committed. */
    static Checkpoint find(Connection connection, String schema, String migrationId, int attempt, String collection,
                           TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT next_position, rows_loaded, rejected, "
                + "bytes_read, finished FROM " + qualified(schema)
                + " WHERE migration_id = ? AND attempt = ? AND collection = ? AND table_name = ?")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setString(3, collection);
            s.setString(4, table.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5))
                        : Checkpoint.START;
            }
        }
    }

    /** In the chunk's transaction. */
    static void save(Connection connection, String schema, String migrationId, int attempt, String collection,
                     TableName table, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + qualified(schema)
                + " (migration_id, attempt, collection, table_name, next_position, rows_loaded, rejected, bytes_read, "
                + "finished, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now()) "
                + "ON CONFLICT (migration_id, attempt, collection, table_name) DO UPDATE SET "
                + "next_position = excluded.next_position, rows_loaded = excluded.rows_loaded, "
                + "rejected = excluded.rejected, bytes_read = excluded.bytes_read, finished = excluded.finished, "
                + "updated_at = excluded.updated_at")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setString(3, collection);
            s.setString(4, table.toString());
            s.setLong(5, checkpoint.nextPosition());
            s.setLong(6, checkpoint.rows());
            s.setLong(7, checkpoint.rejected());
            s.setLong(8, checkpoint.bytes());
            s.setBoolean(9, checkpoint.finished());
            s.executeUpdate();
        }
    }

    /** The table's checkpoint gone: its load starts again from the first record. */
    static void delete(Connection connection, String schema, String migrationId, int attempt, String collection,
                       TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + qualified(schema)
                + " WHERE migration_id = ? AND attempt = ? AND collection = ? AND table_name = ?")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setString(3, collection);
            s.setString(4, table.toString());
            s.executeUpdate();
        }
    }
}
