package io.jsonmig.e2e.chaos;

import io.jsonmig.testing.PostgresResource.TestDatabases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the target database's client connections from a separate connection, as a failover or an
 * administrator would: {@code pg_terminate_backend} of every other client backend of the database.
 */
final class TargetConnections {

    private static final String TERMINATE = "SELECT pid, application_name, state, left(query, 60), "
            + "pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND backend_type = 'client backend' "
            + "AND pid <> pg_backend_pid()";

    private TargetConnections() {
    }

    /**
     * Terminates the connections; when there is none at this instant (between two chunks, say), tries
     * again until one is found or {@code within} passes. Returns what was terminated, one line each.
     */
    static List<String> terminate(TestDatabases databases, String database, Duration within) throws SQLException {
        Instant deadline = Instant.now().plus(within);
        try (Connection c = databases.connect(database); PreparedStatement s = c.prepareStatement(TERMINATE)) {
            s.setString(1, database);
            while (true) {
                List<String> terminated = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        terminated.add("backend " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3)
                                + ": " + oneLine(rs.getString(4)) + ")" + (rs.getBoolean(5) ? "" : " NOT terminated"));
                    }
                }
                if (!terminated.isEmpty() || Instant.now().isAfter(deadline)) {
                    return terminated;
                }
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
