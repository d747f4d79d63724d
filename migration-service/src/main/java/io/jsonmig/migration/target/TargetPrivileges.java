package io.jsonmig.migration.target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the migration needs to be allowed on its target, asked of PostgreSQL without trying it: CREATE
 * on the schema its tables go to (schema migrations, jsonmig's own tables) or, for a dry run, CREATE on
 * the database (it creates its throwaway schema and owns it), and TEMP on the database (every load
 * stages its chunks in temporary tables).
 */
public final class TargetPrivileges {

    /** What was asked and found. */
    public record Found(String user, String database, String schema, List<String> missing) {

        public String granted(boolean dryRun) {
            return dryRun ? "user " + user + " may CREATE (its throwaway schema) and TEMP on database " + database
                    : "user " + user + " may CREATE in schema " + schema + ", TEMP on database " + database;
        }
    }

    private TargetPrivileges() {
    }

    /** @param dryRun the connection may work in a throwaway schema that does not exist yet */
    public static Found check(Connection connection, boolean dryRun) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT current_user, current_database(), current_schema(),
                       current_schema() IS NOT NULL AND has_schema_privilege(current_schema(), 'CREATE'),
                       has_database_privilege(current_database(), 'TEMP'),
                       has_database_privilege(current_database(), 'CREATE')""")) {
            rs.next();
            String user = rs.getString(1);
            String database = rs.getString(2);
            String schema = rs.getString(3);
            List<String> missing = new ArrayList<>();
            if (dryRun) {
                if (!rs.getBoolean(6)) {
                    missing.add("user " + user + " may not CREATE in database " + database
                            + " (a dry run loads into a throwaway schema of its own)");
                }
            } else if (schema == null) {
                missing.add("user " + user + " has no current schema in database " + database
                        + ": its search_path names no existing schema");
            } else if (!rs.getBoolean(4)) {
                missing.add("user " + user + " may not CREATE in schema " + schema + " of database " + database
                        + " (the schema migrations and jsonmig's own tables are created there)");
            }
            if (!rs.getBoolean(5)) {
                missing.add("user " + user + " may not create TEMP tables in database " + database
                        + " (the load stages each chunk in one)");
            }
            return new Found(user, database, schema, missing);
        }
    }
}
