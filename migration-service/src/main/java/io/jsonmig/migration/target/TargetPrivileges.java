package io.jsonmig.migration.target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the migration needs to be allowed on its target, asked of PostgreSQL without trying it: CREATE
 * on the schema its tables go to (schema migrations, jsonmig's own tables), TEMP on the database (every
 * load stages its chunks in temporary tables) and, for a dry run, CREATE on the database (its
 * throwaway schema).
 */
public final class TargetPrivileges {

    /** What was asked and found. */
    public record Found(String user, String database, String schema, List<String> missing) {

        public String granted(boolean dryRun) {
            return "user " + user + " may CREATE in schema " + schema + ", TEMP" + (dryRun ? " and CREATE" : "")
                    + " on database " + database;
        }
    }

    private TargetPrivileges() {
    }

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
            if (schema == null) {
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
            if (dryRun && !rs.getBoolean(6)) {
                missing.add("user " + user + " may not CREATE in database " + database
                        + " (a dry run loads into a throwaway schema of its own)");
            }
            return new Found(user, database, schema, missing);
        }
    }
}
