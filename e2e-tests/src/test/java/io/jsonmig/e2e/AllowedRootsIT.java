package io.jsonmig.e2e;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.PostgresResource.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's setting: {@code JSONMIG_ALLOWED_ROOTS} names only the application's directory (as the
 * error for a source outside the roots tells them to), and the stack keeps its snapshots where it
 * always does, outside that directory. The run must still go through: jsonmig's own storage is always
 * allowed; the allowed roots govern the application's paths.
 */
class AllowedRootsIT {

    private static Path home;
    private static Path app;
    private static TestDatabases databases;
    private static String ledger;
    private static String target;
    private static JsonmigCli cli;

    @BeforeAll
    static void stackUp() throws Exception {
        home = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(home.resolve("e2e-tests/target/e2e-roots"));
        app = Files.createDirectories(Files.createTempDirectory(work, "srv-").resolve("app"));
        Path example = home.resolve("examples/blog");
        Files.createDirectories(app.resolve("data"));
        Files.copy(example.resolve("data/db.json"), app.resolve("data/db.json"));
        Files.createDirectories(app.resolve("migrations"));
        Files.copy(example.resolve("schema/V1__create_tables.sql"), app.resolve("migrations/V1__create_tables.sql"));
        Files.copy(example.resolve("mapping.json"), app.resolve("mapping.json"));

        databases = new TestDatabases();
        ledger = databases.create("e2e_roots_ledger");
        target = databases.create("e2e_roots_target");
        Map<String, String> env = new HashMap<>();
        env.put("JSONMIG_HOME", home.toString());
        env.put("JSONMIG_STACK_DIR", Files.createTempDirectory(work, "stack-").toString());
        env.put("JSONMIG_KAFKA_BOOTSTRAP", "127.0.0.1:" + LocalKafkaBroker.freePort());
        env.put("JSONMIG_KAFKA_CONTROLLER_PORT", Integer.toString(LocalKafkaBroker.freePort()));
        for (String service : new String[] {"BACKUP", "MIGRATION", "VERIFICATION", "NOTIFICATION"}) {
            env.put("JSONMIG_" + service + "_PORT", Integer.toString(LocalKafkaBroker.freePort()));
        }
        env.put("JSONMIG_DB_URL", databases.url(ledger));
        env.put("JSONMIG_DB_USER", databases.user());
        env.put("JSONMIG_DB_PASSWORD", databases.password());
        env.put("JSONMIG_TARGET_STAGING_URL", databases.url(target));
        env.put("JSONMIG_TARGET_STAGING_USER", databases.user());
        env.put("JSONMIG_TARGET_STAGING_PASSWORD", databases.password());
        env.put("JSONMIG_ALLOWED_ROOTS", app.toString());
        cli = new JsonmigCli(home, env, work);

        JsonmigCli.Result up = cli.run(Duration.ofMinutes(4), "stack", "up");
        assertThat(up.exitCode()).as("stack up:\n%s", up.all()).isZero();
    }

    @AfterAll
    static void stackDown() throws Exception {
        try {
            if (cli != null) {
                JsonmigCli.Result down = cli.run(Duration.ofMinutes(2), "stack", "down");
                assertThat(down.exitCode()).as("stack down:\n%s", down.all()).isZero();
            }
        } finally {
            if (databases != null) {
                databases.drop(ledger);
                databases.drop(target);
            }
        }
    }

    @Test
    void aRunWhoseAllowedRootsNameOnlyTheApplicationsDirectoryCompletes() throws Exception {
        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", app.resolve("data").toString(),
                "--schema", app.resolve("migrations").toString(), "--mapping", app.resolve("mapping.json").toString(),
                "--target", "staging");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();

        JsonmigCli.Result watch = cli.run(Duration.ofMinutes(4), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isZero();
        assertThat(watch.all()).contains("verification passed", "cut-over ready").doesNotContain("outside the allowed roots");
        try (Connection c = databases.connect(target); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM users")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(40);
        }
    }
}
