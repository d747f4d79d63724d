package io.jsonmig.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL for tests: a fresh ledger database and a fresh target database (profile
 * {@code test}) per test resource, dropped at the end. The server comes from
 * {@code JSONMIG_TEST_PG_URL} (a JDBC URL of an administrative database, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code JSONMIG_TEST_PG_USER} and
 * {@code JSONMIG_TEST_PG_PASSWORD}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private final TestDatabases databases = new TestDatabases();
    private String ledger;
    private String target;

    @Override
    public Map<String, String> start() {
        ledger = databases.create("ledger");
        target = databases.create("target");
        return Map.of(
                "quarkus.datasource.jdbc.url", databases.url(ledger),
                "quarkus.datasource.username", databases.user(),
                "quarkus.datasource.password", databases.password(),
                "jsonmig.target.test.url", databases.url(target),
                "jsonmig.target.test.user", databases.user(),
                "jsonmig.target.test.password", databases.password());
    }

    @Override
    public void stop() {
        databases.drop(ledger);
        databases.drop(target);
    }

    /** Creates and drops uniquely named databases on the test PostgreSQL server. */
    public static final class TestDatabases {
        private final String adminUrl = env("JSONMIG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        private final String user = env("JSONMIG_TEST_PG_USER", "postgres");
        private final String password = env("JSONMIG_TEST_PG_PASSWORD", "");

        public String create(String purpose) {
            String name = "jsonmig_it_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("CREATE DATABASE " + name);
            return name;
        }

        public void drop(String name) {
            if (name != null) {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }

        /** JDBC URL of a database on the same server as the administrative URL. */
        public String url(String database) {
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            String base = adminUrl.substring(0, slash + 1);
            return base + database + (query >= 0 ? adminUrl.substring(query) : "");
        }

        public String user() {
            return user;
        }

        public String password() {
            return password;
        }

        public Connection connect(String database) throws SQLException {
            return open(url(database));
        }

        /** Opens through the driver itself: DriverManager may not see it from Quarkus' test class loaders. */
        private Connection open(String url) throws SQLException {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            return new org.postgresql.Driver().connect(url, props);
        }

        private void execute(String sql) {
            try (Connection c = open(adminUrl);
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused '" + sql + "': "
                        + e.getMessage() + " (set JSONMIG_TEST_PG_URL / _USER / _PASSWORD)", e);
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
