package io.jsonmig.verification.stabilization;

import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A second role on the test cluster, uniquely named, with a connection limit of {@value #LIMIT}: target profile
 * {@code watchrole} connects as it, so the watch's connection check counts that role's connections against its
 * own limit. Dropped after the tests, its connections ended first.
 */
public class WatchRoleResource implements QuarkusTestResourceLifecycleManager {

    static final int LIMIT = 6;
    static final String PROFILE = "watchrole";
    static final String ROLE = "jsonmig_watch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static final PostgresResource.TestDatabases SERVER = new PostgresResource.TestDatabases();

    @Override
    public Map<String, String> start() {
        execute("CREATE ROLE " + ROLE + " LOGIN CONNECTION LIMIT " + LIMIT);
        return Map.of("jsonmig.target." + PROFILE + ".url", url(), "jsonmig.target." + PROFILE + ".user", ROLE,
                "jsonmig.target." + PROFILE + ".password", "");
    }

    @Override
    public void stop() {
        try (Connection c = SERVER.connect("postgres");
             PreparedStatement end = c.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            end.setString(1, ROLE);
            end.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        execute("DROP ROLE IF EXISTS " + ROLE);
    }

    static String url() {
        return SERVER.url("postgres");
    }

    /** A connection as the second role, as the application's pool would hold one. */
    static Connection connectAsTheRole() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ROLE);
        props.setProperty("password", "");
        return new org.postgresql.Driver().connect(url(), props);
    }

    private static void execute(String sql) {
        try (Connection c = SERVER.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot '" + sql + "': " + e.getMessage(), e);
        }
    }
}
