package io.jsonmig.migration.reject;

import io.jsonmig.mappingplan.reject.RejectedRecords;
import io.jsonmig.mappingplan.target.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code _jsonmig_rejects} in the target's default schema: every record a run quarantined, next to
 * the data. Created by the first reject of a run and recorded as one of the run's objects, so a
 * rollback drops it with the rest. {@code raw} is the record as JSON, with U+0000 written as the
 * text {@code \u0000} (jsonb cannot hold the character).
 */
public final class RejectsTable {

    public static final String NAME = RejectedRecords.TABLE;

    private RejectsTable() {
    }

    public static String qualified(String schema) {
        return Identifiers.qualified(schema, NAME);
    }

    public static void ensure(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified(schema) + " (migration_id text NOT NULL, "
                    + "collection text NOT NULL, position bigint NOT NULL, record_key text, reason text NOT NULL, "
                    + "raw jsonb NOT NULL, PRIMARY KEY (migration_id, collection, position))");
        }
    }

    /** Followed by a SELECT of the same columns. */
    public static String insertInto(String schema) {
        return "INSERT INTO " + qualified(schema) + " (migration_id, collection, position, record_key, reason, raw) ";
    }
}
