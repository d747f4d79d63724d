package io.jsonmig.migration.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Whether each column of a table takes NULL and what PostgreSQL fills it with when a row leaves it out. */
final class ColumnDefaults {

    record Facts(boolean nullable, String defaultValue) {
    }

    private ColumnDefaults() {
    }

    static Map<String, Facts> read(Connection connection, long tableOid) throws SQLException {
        Map<String, Facts> facts = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT a.attname, NOT a.attnotnull,
                       CASE WHEN a.attidentity <> '' THEN 'identity' ELSE pg_get_expr(d.adbin, d.adrelid) END
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.put(rs.getString(1), new Facts(rs.getBoolean(2), rs.getString(3)));
                }
            }
        }
        return facts;
    }
}
