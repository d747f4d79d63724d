package io.jsonmig.mappingplan.reject;

import io.jsonmig.mappingplan.target.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The records a run quarantined, by collection and position, as migration-service recorded them in the
 * target's {@code _jsonmig_rejects} (in the target's default schema): the verification counts them as
 * accounted for, not missing, and a rollback after the cut-over writes them back as they were.
 */
public final class RejectedRecords {

    public static final String TABLE = "_jsonmig_rejects";

    private RejectedRecords() {
    }

    public static Map<String, Set<Long>> read(Connection connection, String schema, String migrationId)
            throws SQLException {
        Map<String, Set<Long>> rejected = new HashMap<>();
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ?")) {
            exists.setString(1, schema);
            exists.setString(2, TABLE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    return rejected;
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT collection, position FROM "
                + Identifiers.qualified(schema, TABLE) + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rejected.computeIfAbsent(rs.getString(1), c -> new HashSet<>()).add(rs.getLong(2));
                }
            }
        }
        return rejected;
    }
}
