package io.jsonmig.e2e;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.e2e.monitoring.MonitoringFiles;
import io.jsonmig.e2e.monitoring.RunMetrics;
import io.jsonmig.e2e.monitoring.RunTrace;
import io.jsonmig.testing.AdvisoryGate;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.metrics.ScrapedMetrics;
import io.jsonmig.testing.tracing.OtlpReceiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole product as an operator runs it: {@code jsonmig stack up} starts a real Kafka broker and
 * the four packaged services; {@code jsonmig start} and {@code jsonmig watch} drive a run; the target
 * database, the events and the notification-service's timeline are checked; {@code jsonmig stack
 * down} must leave no process behind. Every port, directory and database is private to this test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where a test's trigger makes each inserted row wait. */
    private static final AdvisoryGate ROW_GATE = new AdvisoryGate(4243);

    private static Path home;
    private static Path work;
    private static TestDatabases databases;
    private static final List<String> createdDatabases = new ArrayList<>();
    private static String target;
    private static String brokenTarget;
    private static String ledger;
    private static String failingTarget;
    private static String abortedTarget;
    private static String dryRunTarget;
    private static String windowTarget;
    private static String reverseTarget;
    private static JsonmigCli cli;
    private static EventProbe probe;
    /** Where every service exports its spans (JSONMIG_OTEL_ENDPOINT). */
    private static OtlpReceiver traces;
    private static int notificationPort;
    private static int verificationPort;
    private static int backupPort;
    private static int migrationPort;
    private static Path stackDir;
    /** Every run the tests started, in order. */
    private static final List<String> runs = new ArrayList<>();

    @BeforeAll
    static void stackUp() throws Exception {
        home = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
        work = Files.createDirectories(home.resolve("e2e-tests/target/e2e"));
        databases = new TestDatabases();
        ledger = created(databases.create("e2e_ledger"));
        String local = created(databases.create("e2e_local"));
        target = created(databases.create("e2e_target"));
        brokenTarget = created(databases.create("e2e_broken"));
        failingTarget = created(databases.create("e2e_vfail"));
        abortedTarget = created(databases.create("e2e_abort"));
        dryRunTarget = created(databases.create("e2e_dry"));
        windowTarget = created(databases.create("e2e_window"));
        reverseTarget = created(databases.create("e2e_reverse"));

        int kafkaPort = LocalKafkaBroker.freePort();
        notificationPort = LocalKafkaBroker.freePort();
        verificationPort = LocalKafkaBroker.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("JSONMIG_HOME", home.toString());
        stackDir = Files.createTempDirectory(work, "stack-");
        env.put("JSONMIG_STACK_DIR", stackDir.toString());
        // every service logs JSON lines: the monitoring test reads them
        // and traces every run: the CLI begins each attempt's trace, the services export their spans here
        traces = OtlpReceiver.start();
        env.put("JSONMIG_OTEL_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        env.put("JSONMIG_LOG_FORMAT", "json");
        env.put("JSONMIG_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
        env.put("JSONMIG_KAFKA_CONTROLLER_PORT", Integer.toString(LocalKafkaBroker.freePort()));
        backupPort = LocalKafkaBroker.freePort();
        migrationPort = LocalKafkaBroker.freePort();
        env.put("JSONMIG_BACKUP_PORT", Integer.toString(backupPort));
        env.put("JSONMIG_MIGRATION_PORT", Integer.toString(migrationPort));
        env.put("JSONMIG_VERIFICATION_PORT", Integer.toString(verificationPort));
        env.put("JSONMIG_NOTIFICATION_PORT", Integer.toString(notificationPort));
        env.put("JSONMIG_DB_URL", databases.url(ledger));
        env.put("JSONMIG_DB_USER", databases.user());
        env.put("JSONMIG_DB_PASSWORD", databases.password());
        env.put("JSONMIG_TARGET_LOCAL_URL", databases.url(local));
        env.put("JSONMIG_TARGET_LOCAL_USER", databases.user());
        env.put("JSONMIG_TARGET_LOCAL_PASSWORD", databases.password());
        env.put("JSONMIG_TARGET_E2E_URL", databases.url(target));
        env.put("JSONMIG_TARGET_E2E_USER", databases.user());
        env.put("JSONMIG_TARGET_E2E_PASSWORD", databases.password());
        env.put("JSONMIG_TARGET_BROKEN_URL", databases.url(brokenTarget));
        env.put("JSONMIG_TARGET_BROKEN_USER", databases.user());
        env.put("JSONMIG_TARGET_BROKEN_PASSWORD", databases.password());
        for (Map.Entry<String, String> profile : Map.of("VFAIL", failingTarget, "ABORT", abortedTarget,
                "DRY", dryRunTarget, "WINDOW", windowTarget, "REVERSE", reverseTarget).entrySet()) {
            env.put("JSONMIG_TARGET_" + profile.getKey() + "_URL", databases.url(profile.getValue()));
            env.put("JSONMIG_TARGET_" + profile.getKey() + "_USER", databases.user());
            env.put("JSONMIG_TARGET_" + profile.getKey() + "_PASSWORD", databases.password());
        }
        env.put("JSONMIG_ALLOWED_ROOTS", home + "," + work);
        // a stabilization window is looked at every second, not every 30
        env.put("JSONMIG_NOTIFICATION_WINDOW_POLL", "1s");
        cli = new JsonmigCli(home, env, work);

        JsonmigCli.Result up = cli.run(Duration.ofMinutes(4), "stack", "up");
        assertThat(up.exitCode()).as("stack up:\n%s", up.all()).isZero();
        // the CLI's later commands authenticate with the operator token stack up wrote, readable by its owner only
        assertThat(Files.getPosixFilePermissions(stackDir.resolve("api-tokens")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(stackToken()).hasSizeGreaterThanOrEqualTo(40);
        probe = new EventProbe("127.0.0.1:" + kafkaPort);
    }

    @AfterAll
    static void stackDown() throws Exception {
        try {
            if (probe != null) {
                probe.close();
            }
            if (traces != null) {
                traces.close();
            }
            if (cli != null) {
                JsonmigCli.Result down = cli.run(Duration.ofMinutes(2), "stack", "down");
                assertThat(down.exitCode()).as("stack down:\n%s", down.all()).isZero();
                assertThat(ourProcesses()).as("processes left running after stack down").isEmpty();
            }
        } finally {
            createdDatabases.forEach(databases::drop);
        }
    }

    @Test
    @Order(1)
    void aRunMovesTheExampleIntoPostgresVerifiesItAndAnnouncesTheCutOver() throws Exception {
        Path example = home.resolve("examples/blog");
        Path data = example.resolve("data/db.json");
        String sourceHash = sha256(data);

        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", data.getParent().toString(),
                "--schema", example.resolve("schema").toString(), "--mapping", example.resolve("mapping.json").toString(),
                "--target", "e2e");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();
        runs.add(id);

        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isZero();
        assertThat(watch.stdout()).contains("backup completed", "data migrated", "verification passed", "cut-over ready");

        assertThat(tableCounts(target, List.of("users", "posts", "comments"))).isEqualTo(recordCounts(data));
        // backup-service guards the cut-over: the live files are compared with the snapshot first
        assertThat(eventTypes(id, EventType.CUTOVER_READY)).containsExactly(EventType.MIGRATION_REQUESTED,
                EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED, EventType.VERIFICATION_PASSED,
                EventType.DRIFT_CHECKED, EventType.CUTOVER_READY);
        assertThat(probe.await(id, EventType.CUTOVER_READY, Duration.ofSeconds(30)).producer())
                .isEqualTo("backup-service");
        // within the window verification-service watches the target: its rounds are not phases
        assertThat(probe.await(id, EventType.STABILIZATION_CHECKED, Duration.ofSeconds(90)).producer())
                .isEqualTo("verification-service");

        // without --stabilization-window a run keeps the way back open for 72 hours
        assertThat(watch.stdout()).contains("STABILIZING: verified and cut over; its stabilization window of 72h",
                "./jsonmig rollback " + id);
        JsonNode run = awaitRunState(id, "STABILIZING");
        assertThat(run.path("stabilization").path("window").asText()).isEqualTo("PT72H");
        assertThat(run.path("timeline")).hasSize(6);
        assertThat(run.path("drift").path("clean").asBoolean()).isTrue();
        assertThat(run.path("rowsLoaded").asLong()).isEqualTo(460);
        assertThat(sha256(data)).isEqualTo(sourceHash);

        // one trace for the attempt, from the CLI's start through every service and every Kafka hop
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            RunTrace trace = RunTrace.of(id, probe, traces);
            trace.assertEveryRecordCarriesTheTrace();
            trace.assertEveryHopIsAParentAndChild();
            trace.assertJobsAndTablesHaveSpans(List.of("users", "posts", "comments"));
        });
        String traceId = RunTrace.of(id, probe, traces).traceId();
        JsonmigCli.Result status = cli.run(Duration.ofMinutes(1), "status", id);
        assertThat(status.stdout()).as(status.all()).containsPattern("trace +" + traceId);
        URI statusPage = URI.create("http://127.0.0.1:" + notificationPort + "/status/" + id);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(statusPage).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the status page without a login").isEqualTo(401);
        HttpResponse<String> page = HttpClient.newHttpClient().send(asOperator(statusPage).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("trace <code id=\"trace\">" + traceId + "</code>");
    }

    /** The operator token of the stack's token file ({@code operator <token>}). */
    private static String stackToken() throws IOException {
        return Files.readAllLines(stackDir.resolve("api-tokens")).stream()
                .filter(line -> line.startsWith("operator ")).findFirst().orElseThrow().substring("operator ".length());
    }

    /** A request with the stack's operator token, as the CLI sends it. */
    private static HttpRequest.Builder asOperator(URI uri) throws IOException {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + stackToken());
    }

    @Test
    @Order(2)
    void aBrokenSchemaMigrationRollsBackAndLeavesTheTargetAsItWas() throws Exception {
        try (Connection c = databases.connect(brokenTarget); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keep_me (id integer primary key, note text)");
            s.execute("INSERT INTO keep_me VALUES (1, 'was here before'), (2, 'and stays')");
        }
        Map<String, Long> before = relationCounts(brokenTarget);
        Path schema = Files.createDirectories(work.resolve("broken-schema"));
        Files.copy(home.resolve("examples/blog/schema/V1__create_tables.sql"), schema.resolve("V1__create_tables.sql"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(schema.resolve("V2__broken.sql"), "CREATE TABLE broken (id integer primary key,, oops);\n");
        Path example = home.resolve("examples/blog");
        Path data = example.resolve("data/db.json");
        String sourceHash = sha256(data);

        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", data.getParent().toString(),
                "--schema", schema.toString(), "--mapping", example.resolve("mapping.json").toString(),
                "--target", "broken");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();
        runs.add(id);

        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isEqualTo(2);
        assertThat(watch.stdout()).contains("V2__broken.sql", "rollback requested", "datasource reverted");

        assertThat(relationCounts(brokenTarget)).isEqualTo(before);
        List<EventType> events = eventTypes(id, EventType.DATASOURCE_REVERTED);
        assertThat(events).filteredOn(t -> t == EventType.DATASOURCE_REVERTED).hasSize(1);
        assertThat(events).doesNotContain(EventType.DATA_MIGRATED, EventType.CUTOVER_READY);
        JsonNode run = awaitRunState(id, "ROLLED_BACK");
        assertThat(run.path("failureReason").asText()).contains("V2__broken.sql");
        assertThat(sha256(data)).isEqualTo(sourceHash);
    }

    @Test
    @Order(3)
    void aSourceThatIsNotValidJsonFailsTheBackupAndTheRunIsRolledBackWithTheTargetUntouched() throws Exception {
        Path source = Files.createDirectories(work.resolve("invalid-source"));
        String blog = Files.readString(home.resolve("examples/blog/data/db.json"));
        Files.writeString(source.resolve("db.json"), blog.substring(0, blog.length() / 2));
        String sourceHash = sha256(source.resolve("db.json"));
        Map<String, Long> before = relationCounts(target);

        String id = start(source, home.resolve("examples/blog/schema"), "e2e");
        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isEqualTo(2);

        assertRolledBackOnce(id, "db.json");
        assertThat(eventTypes(id, EventType.DATASOURCE_REVERTED)).doesNotContain(EventType.BACKUP_COMPLETED);
        assertThat(relationCounts(target)).isEqualTo(before);
        assertThat(sha256(source.resolve("db.json"))).isEqualTo(sourceHash);
    }

    @Test
    @Order(4)
    void rowsThatDifferFromTheSnapshotFailTheVerificationAndTheRunIsRolledBack() throws Exception {
        keepPreExistingRows(failingTarget);
        Map<String, Long> before = relationCounts(failingTarget);
        // A trigger the schema brings alters every title on its way in: the rows no longer match the records.
        Path schema = blogSchemaWith("vfail-schema", "V3__shout_titles.sql", """
                CREATE FUNCTION shout_title() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.title := upper(NEW.title); RETURN NEW; END $$;
                CREATE TRIGGER posts_shout BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION shout_title();
                """);
        Path data = home.resolve("examples/blog/data/db.json");
        String sourceHash = sha256(data);

        String id = start(data.getParent(), schema, "vfail");
        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isEqualTo(2);

        assertRolledBackOnce(id, "posts");
        assertThat(eventTypes(id, EventType.DATASOURCE_REVERTED)).contains(EventType.DATA_MIGRATED,
                EventType.VERIFICATION_FAILED).doesNotContain(EventType.CUTOVER_READY);
        assertThat(relationCounts(failingTarget)).isEqualTo(before);
        assertThat(sha256(data)).isEqualTo(sourceHash);
    }

    @Test
    @Order(5)
    void anOperatorAbortDuringTheLoadStopsItAndTheRunIsRolledBack() throws Exception {
        keepPreExistingRows(abortedTarget);
        Map<String, Long> before = relationCounts(abortedTarget);
        // Each row of posts waits for an advisory lock this test holds, so the abort arrives mid-load.
        Path schema = blogSchemaWith("abort-schema", "V3__posts_wait.sql", ROW_GATE.rowTriggerSql("posts"));
        Path data = home.resolve("examples/blog/data/db.json");
        String sourceHash = sha256(data);

        String id;
        try (Connection gate = databases.connect(abortedTarget)) {
            ROW_GATE.close(gate);
            id = start(data.getParent(), schema, "abort");
            await().atMost(RUN_TIMEOUT).until(() -> ROW_GATE.waitedFor(gate));
            EventEnvelope requested = probe.await(id, EventType.MIGRATION_REQUESTED, Duration.ofSeconds(30));
            probe.publish(EventEnvelope.of(id, 1, "cli", "operator", new RollbackRequested(
                    RollbackTrigger.OPERATOR_ABORT, "aborted by the operator", Phase.MIGRATION,
                    requested.payloadAs(MigrationRequested.class).spec()), Instant.now()));
            probe.await(id, EventType.ROLLBACK_REQUESTED, Duration.ofSeconds(30));
            String run = id;
            await().atMost(RUN_TIMEOUT).until(() -> abortRecordedAgainstTheLoad(run));
            ROW_GATE.open(gate);
        }
        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isEqualTo(2);

        assertRolledBackOnce(id, "aborted by the operator");
        assertThat(eventTypes(id, EventType.DATASOURCE_REVERTED)).doesNotContain(EventType.DATA_MIGRATED,
                EventType.PHASE_FAILED);
        assertThat(relationCounts(abortedTarget)).isEqualTo(before);
        assertThat(sha256(data)).isEqualTo(sourceHash);
    }

    @Test
    @Order(6)
    void aDryRunRehearsesTheWholeRunAndLeavesTheTargetDatabaseAndTheJsonFilesExactlyAsBefore() throws Exception {
        try (Connection c = databases.connect(dryRunTarget); Statement s = c.createStatement()) {
            // The application's own database: the blog's tables with its rows, Flyway's history of them, unrelated
            // objects in another schema; a dry run must see none of it and change none of it.
            s.execute(Files.readString(home.resolve("examples/blog/schema/V1__create_tables.sql")));
            s.execute("INSERT INTO users (id, name, username, email, created_at, active) VALUES "
                    + "(1, 'Live Ada', 'ada', 'ada@example.com', '2024-01-01T00:00:00Z', true), "
                    + "(7, 'Live Grace', 'grace', 'grace@example.com', '2024-02-01T00:00:00Z', false)");
            s.execute("INSERT INTO posts (id, user_id, title, body, published_at) VALUES "
                    + "(1, 1, 'written live', 'by the application', '2024-03-01T00:00:00Z')");
            s.execute("CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version text, "
                    + "description text, script text, success boolean)");
            s.execute("INSERT INTO flyway_schema_history VALUES "
                    + "(1, '1', 'create tables', 'V1__create_tables.sql', true)");
            s.execute("CREATE SCHEMA billing");
            s.execute("CREATE TABLE billing.invoices (id serial PRIMARY KEY, amount numeric(10,2), note text)");
            s.execute("INSERT INTO billing.invoices (amount, note) SELECT n * 1.5, 'invoice ' || n "
                    + "FROM generate_series(1, 25) n");
            s.execute("CREATE SEQUENCE billing.ticket_seq START 100");
            s.execute("SELECT nextval('billing.ticket_seq'), nextval('billing.ticket_seq')");
            s.execute("CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN NEW.note := NEW.note || ' (touched)'; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER invoices_touch BEFORE UPDATE ON billing.invoices FOR EACH ROW "
                    + "EXECUTE FUNCTION billing.touch()");
            s.execute("CREATE VIEW billing.totals AS SELECT sum(amount) AS total FROM billing.invoices");
        }
        List<String> before = databaseState(dryRunTarget);
        Path data = home.resolve("examples/blog/data");
        Map<String, String> files = fileHashes(data);

        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--dry-run", "--source", data.toString(),
                "--schema", home.resolve("examples/blog/schema").toString(), "--mapping",
                home.resolve("examples/blog/mapping.json").toString(), "--target", "dry");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();
        runs.add(id);
        String schema = DryRuns.schemaFor(id);
        assertThat(probe.await(id, EventType.MIGRATION_REQUESTED, Duration.ofSeconds(30))
                .payloadAs(MigrationRequested.class).spec().dryRun()).isTrue();
        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");

        assertThat(watch.exitCode()).as("watch:\n%s", watch.all()).isZero();
        assertThat(watch.stdout()).contains("data migrated", "verification passed", "dry run completed",
                "dry run: nothing cut over; schema " + schema + " removed");
        DryRunCompleted completed = probe.await(id, EventType.DRY_RUN_COMPLETED, Duration.ofSeconds(30))
                .payloadAs(DryRunCompleted.class);
        assertThat(completed.schema()).isEqualTo(schema);
        assertThat(completed.tables()).containsExactly(schema + ".users", schema + ".posts", schema + ".comments");
        assertThat(completed.removed()).contains("table " + schema + ".users", "table " + schema
                + ".flyway_schema_history").last().isEqualTo("schema " + schema);
        DataMigrated migrated = probe.await(id, EventType.DATA_MIGRATED, Duration.ofSeconds(30))
                .payloadAs(DataMigrated.class);
        assertThat(migrated.totalRows()).as("loaded in full beside the live tables of the same names").isEqualTo(460);

        // backup-service's guard checks for drift and announces nothing: its phase ends after drift.checked
        probe.await(id, EventType.DRIFT_CHECKED, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> cutoverGuardFinished(id));
        assertThat(eventTypes(id, EventType.DRY_RUN_COMPLETED)).startsWith(EventType.MIGRATION_REQUESTED,
                EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED, EventType.VERIFICATION_PASSED)
                .containsOnlyOnce(EventType.DRIFT_CHECKED, EventType.DRY_RUN_COMPLETED)
                .doesNotContain(EventType.CUTOVER_READY, EventType.PHASE_FAILED, EventType.ROLLBACK_REQUESTED);

        JsonNode run = awaitRunState(id, "COMPLETED");
        assertThat(run.path("phases").path("CUTOVER").path("status").asText()).isEqualTo("SKIPPED");
        HttpResponse<String> report = HttpClient.newHttpClient().send(asOperator(URI.create(
                "http://127.0.0.1:" + verificationPort + "/verifications/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(report.body()).path("passed").asBoolean()).isTrue();
        assertThat(completed.reportLocation()).endsWith("/verifications/" + id);

        assertThat(databaseState(dryRunTarget)).isEqualTo(before);
        assertThat(fileHashes(data)).isEqualTo(files);
    }

    /** Whether backup-service's cut-over guard has finished the run's CUTOVER phase (after all it publishes). */
    private static boolean cutoverGuardFinished(String id) throws SQLException {
        try (Connection c = databases.connect(ledger); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM backup.phase_run WHERE migration_id = ? AND phase = 'CUTOVER' "
                        + "AND status = 'SUCCEEDED'")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Everything a database holds, read from its catalog: every schema; every table with its columns and types,
     * row count and an MD5 of its rows' text in order; views with their definitions, sequences with their
     * values, indexes, functions with their sources, triggers, types and extensions.
     */
    private static List<String> databaseState(String database) throws SQLException {
        List<String> state = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            String userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
                    + "AND n.nspname NOT LIKE 'pg\\_%'";
            try (ResultSet rs = s.executeQuery("SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + userSchemas
                    + " UNION ALL SELECT 'extension ' || extname FROM pg_extension ORDER BY 1")) {
                while (rs.next()) {
                    state.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT c.relkind::text, quote_ident(n.nspname) || '.' || "
                    + "quote_ident(c.relname), CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + userSchemas
                    + " ORDER BY 2")) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    state.add("relation " + rs.getString(2) + " (" + kind + ")"
                            + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
                    if ("r".equals(kind)) {
                        tables.add(rs.getString(2));
                    } else if ("S".equals(kind)) {
                        sequences.add(rs.getString(2));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT a.attrelid::regclass::text || '.' || a.attname || ' ' "
                    + "|| format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END "
                    + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r' AND "
                    + userSchemas + " ORDER BY 1")) {
                while (rs.next()) {
                    state.add("column " + rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 'routine ' || n.nspname || '.' || p.proname || '(' "
                    + "|| pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc) FROM pg_proc p "
                    + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + userSchemas
                    + " UNION ALL SELECT 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t "
                    + "WHERE NOT t.tgisinternal UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname "
                    + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + userSchemas
                    + " ORDER BY 1")) {
                while (rs.next()) {
                    state.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY "
                        + "t::text), '')) FROM " + table + " t")) {
                    rs.next();
                    state.add("rows of " + table + ": " + rs.getLong(1) + " " + rs.getString(2));
                }
            }
            for (String sequence : sequences) {
                try (ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + sequence)) {
                    rs.next();
                    state.add("sequence " + sequence + " at " + rs.getLong(1) + (rs.getBoolean(2) ? ", called" : ""));
                }
            }
        }
        return state;
    }

    /** Every file of a directory tree by relative path, with its size and SHA-256. */
    private static Map<String, String> fileHashes(Path dir) throws IOException {
        Map<String, String> hashes = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString(), Files.size(file) + " " + sha256(file));
            }
        }
        return hashes;
    }

    /** Whether migration-service has recorded the abort against the run's load job: it stops at its next checkpoint. */
    private static boolean abortRecordedAgainstTheLoad(String id) throws SQLException {
        try (Connection c = databases.connect(ledger); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM migration.phase_job WHERE migration_id = ? AND handler = 'migration' "
                        + "AND cancel_reason IS NOT NULL")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * After the runs above (two completed, four rolled back: a broken schema, a backup of invalid JSON, a failed
     * verification, an abort), each service's {@code /q/metrics}, parsed as Prometheus text, must hold the runs'
     * real figures as the events on the broker state them; the alert rules and the dashboard must use only
     * names the services expose; and every service's log (JSONMIG_LOG_FORMAT=json) is JSON lines carrying the
     * run's id.
     */
    @Test
    @Order(7)
    void everyServiceExposesTheRunsFiguresAsMetricsAndLogsJsonLinesWithTheRun() throws Exception {
        assertThat(runs).hasSize(6);
        Map<String, Integer> ports = Map.of("backup-service", backupPort, "migration-service", migrationPort,
                "verification-service", verificationPort, "notification-service", notificationPort);
        // the last events (a drift check, a delivery) may still be on their way: compare until they agree
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<EventEnvelope> events = runs.stream().flatMap(id -> probe.eventsOf(id).stream()).toList();
            Map<String, ScrapedMetrics> scrapes = new java.util.TreeMap<>();
            ports.forEach((service, port) -> scrapes.put(service, ScrapedMetrics.scrape(port)));
            RunMetrics metrics = new RunMetrics(events, scrapes);
            metrics.assertFiguresMatchTheEvents();
            metrics.assertEventsPerTopic();
            metrics.assertPlatformMetrics();
            metrics.assertRunsByStatus(Map.of("stabilizing", 1L, "completed", 1L, "rolled_back", 4L, "running", 0L,
                    "failed", 0L),
                    runs.get(runs.size() - 1));
            assertThat(metrics.count(EventType.PHASE_FAILED)).as("the failed runs' phase.failed").isGreaterThanOrEqualTo(2);
            assertThat(scrapes.get("migration-service").value("jsonmig_phase_duration_seconds",
                    Map.of("phase", "migration", "outcome", "failed"))).as("the broken schema's failure").isGreaterThanOrEqualTo(1);
            assertThat(scrapes.get("backup-service").value("jsonmig_phase_duration_seconds",
                    Map.of("phase", "backup", "outcome", "failed"))).as("the invalid JSON's failure").isGreaterThanOrEqualTo(1);
            metrics.assertMonitoringFilesUseExposedNames(new MonitoringFiles(home));
        });
        for (String service : ports.keySet()) {
            RunMetrics.assertJsonLog(stackDir.resolve("logs").resolve(service + ".log"), runs.get(0));
        }
    }

    @Test
    @Order(8)
    void aRunWithAStabilizationWindowIsStabilizingAfterItsCutoverUntilTheWindowEndsAndThenCannotBeRolledBack()
            throws Exception {
        Path example = home.resolve("examples/blog");
        Path data = example.resolve("data/db.json");
        String sourceHash = sha256(data);
        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", data.getParent().toString(),
                "--schema", example.resolve("schema").toString(), "--mapping", example.resolve("mapping.json").toString(),
                "--target", "window", "--stabilization-window", "45s");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();

        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch stops at the cut-over:\n%s", watch.all()).isZero();
        assertThat(watch.stdout()).contains("cut-over ready", "STABILIZING: verified and cut over; its stabilization "
                + "window of 45.0s", "./jsonmig finalize " + id);
        JsonNode stabilizing = awaitRunState(id, "STABILIZING");
        assertThat(stabilizing.path("stabilization").path("window").asText()).isEqualTo("PT45S");

        JsonmigCli.Result abort = cli.run(Duration.ofMinutes(1), "abort", id);
        assertThat(abort.exitCode()).as(abort.all()).isEqualTo(6);
        assertThat(abort.stderr()).contains("in its stabilization window", "an abort would drop those writes");
        // the way back within the window, 'jsonmig rollback', is the next test's

        // notification-service ends the window by itself
        EventEnvelope finalized = probe.await(id, EventType.RUN_FINALIZED, Duration.ofSeconds(120));
        assertThat(finalized.producer()).isEqualTo("notification-service");
        assertThat(finalized.payloadAs(RunFinalized.class).finalization()).isEqualTo(Finalization.WINDOW_ELAPSED);
        JsonNode completed = awaitRunState(id, "COMPLETED");
        assertThat(completed.path("phases").path("STABILIZATION").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(completed.path("phases").path("ROLLBACK").path("status").asText()).isEqualTo("SKIPPED");

        JsonmigCli.Result late = cli.run(Duration.ofMinutes(1), "rollback", id, "--trigger", "security",
                "--reason", "CVE in the driver");
        assertThat(late.exitCode()).as(late.all()).isEqualTo(6);
        assertThat(late.stderr()).contains("the way back to the JSON files is closed");
        JsonmigCli.Result again = cli.run(Duration.ofMinutes(1), "finalize", id);
        assertThat(again.exitCode()).as(again.all()).isEqualTo(6);
        assertThat(tableCounts(windowTarget, List.of("users", "posts", "comments"))).isEqualTo(recordCounts(data));
        assertThat(sha256(data)).isEqualTo(sourceHash);
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.ROLLBACK_REQUESTED);
    }

    @Test
    @Order(9)
    void aRollbackWithinTheWindowCarriesPostgresqlsWritesIntoTheJsonFilesAndARetryCutsOverAgain() throws Exception {
        Path example = home.resolve("examples/blog");
        Path source = Files.createDirectories(work.resolve("reverse-source"));
        Path data = Files.copy(example.resolve("data/db.json"), source.resolve("db.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String original = Files.readString(data);
        JsonNode before = JSON.readTree(original);
        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", source.toString(),
                "--schema", example.resolve("schema").toString(), "--mapping", example.resolve("mapping.json").toString(),
                "--target", "reverse", "--stabilization-window", "30m");
        assertThat(start.exitCode()).as(start.all()).isZero();
        String id = start.stdout().strip();
        JsonmigCli.Result watch = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(watch.exitCode()).as("watch stops at the cut-over:\n%s", watch.all()).isZero();

        // the application, now on PostgreSQL, writes
        try (Connection app = databases.connect(reverseTarget); Statement s = app.createStatement()) {
            s.execute("UPDATE users SET address_city = 'Lisbon', company = jsonb_set(company, '{name}', '\"Lisbon Labs\"')"
                    + " WHERE id = 1");
            s.execute("UPDATE posts SET views = views + 7, tags = ARRAY['moved'] WHERE id = 2");
            s.execute("DELETE FROM comments WHERE id = 3");
            s.execute("INSERT INTO users (id, name, username, email, created_at, active) VALUES "
                    + "(9001, 'New Person', 'newp', 'new@example.org', '2026-12-07T02:00:00Z', true)");
        }

        JsonmigCli.Result rollback = cli.run(Duration.ofMinutes(1), "rollback", id, "--trigger", "integrity",
                "--reason", "order totals differ");
        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.stdout()).contains("will be carried back into the JSON files");
        JsonmigCli.Result back = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(back.exitCode()).as("watch of the way back:\n%s", back.all()).isEqualTo(2);
        assertThat(back.stdout()).contains("reverse sync exported", "reverse sync verified");

        JsonNode after = JSON.readTree(data.toFile());
        assertThat(after.get("users").get(0).path("address").path("city").asText()).isEqualTo("Lisbon");
        assertThat(after.get("users").get(0).path("company").path("name").asText()).isEqualTo("Lisbon Labs");
        assertThat(after.get("posts").get(1).path("views").asLong())
                .isEqualTo(before.get("posts").get(1).path("views").asLong() + 7);
        assertThat(after.get("comments").size()).isEqualTo(before.get("comments").size() - 1);
        JsonNode added = after.get("users").get(after.get("users").size() - 1);
        assertThat(added.path("id").asInt()).isEqualTo(9001);
        assertThat(added.path("createdAt").asText()).isEqualTo("2026-12-07T02:00:00.000Z");
        // every record nobody touched is the backup's own text, in lowdb's layout
        List<String> originalRecords = lowdbRecords(original);
        List<String> restoredRecords = lowdbRecords(Files.readString(data));
        assertThat(originalRecords).hasSize(before.get("users").size() + before.get("posts").size()
                + before.get("comments").size());
        List<String> touched = List.of(originalRecords.get(0), originalRecords.get(before.get("users").size() + 1));
        assertThat(restoredRecords).containsAll(originalRecords.stream().filter(r -> !touched.contains(r))
                .filter(r -> !r.contains("\"id\": 3,\n      \"postId\"")).toList());
        assertThat(restoredRecords).hasSize(originalRecords.size()); // one inserted, one deleted
        assertThat(Files.list(source).map(p -> p.getFileName().toString()).filter(n -> n.contains("conflict")).toList())
                .as("the live file was the cut-over snapshot's: no conflict copy").isEmpty();

        JsonNode rolledBack = awaitRunState(id, "ROLLED_BACK");
        assertThat(rolledBack.path("reverseSync").path("restored").asBoolean()).isTrue();
        assertThat(rolledBack.path("reverseSync").path("verified").asBoolean()).isTrue();
        ReverseSyncVerified verified = probe.await(id, EventType.REVERSE_SYNC_VERIFIED, Duration.ofSeconds(30))
                .payloadAs(ReverseSyncVerified.class);
        assertThat(CollectionSync.totalWrites(verified.collections())).isEqualTo(4);
        HttpResponse<String> report = HttpClient.newHttpClient().send(asOperator(URI.create(
                "http://127.0.0.1:" + verificationPort + "/verifications/" + id + "/reverse-sync")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(report.body()).path("passed").asBoolean()).isTrue();
        try (Connection app = databases.connect(reverseTarget); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE users SET name = 'late' WHERE id = 2"))
                    .hasMessageContaining("jsonmig rollback " + id + " in progress: writes go to the JSON files");
        }

        // retry: the files (with the application's writes) load into the same tables, the fenced rows are archived
        JsonmigCli.Result retry = cli.run(Duration.ofMinutes(1), "retry", id, "--reason", "totals fixed");
        assertThat(retry.exitCode()).as(retry.all()).isZero();
        JsonmigCli.Result again = cli.run(RUN_TIMEOUT.plusMinutes(1), "watch", id, "--timeout", "3m");
        assertThat(again.exitCode()).as("watch of the retry:\n%s", again.all()).isZero();
        assertThat(tableCounts(reverseTarget, List.of("users", "posts", "comments"))).isEqualTo(recordCounts(data));
        try (Connection app = databases.connect(reverseTarget); Statement s = app.createStatement();
             ResultSet archived = s.executeQuery("SELECT count(*) FROM jsonmig_archive.users_a1_"
                     + id.substring(id.length() - 4))) {
            archived.next();
            assertThat(archived.getLong(1)).isEqualTo(before.get("users").size() + 1);
        }
        JsonmigCli.Result finalize = cli.run(Duration.ofMinutes(1), "finalize", id);
        assertThat(finalize.exitCode()).as(finalize.all()).isZero();
    }

    /** The records of a db.json as lowdb writes it (two-space indent): each one's text, in file order. */
    private static List<String> lowdbRecords(String db) {
        return java.util.regex.Pattern.compile("(?ms)^    \\{\\n.*?^    \\}").matcher(db).results()
                .map(java.util.regex.MatchResult::group).toList();
    }

    private static String start(Path source, Path schema, String targetProfile) throws Exception {
        JsonmigCli.Result start = cli.run(Duration.ofMinutes(1), "start", "--source", source.toString(),
                "--schema", schema.toString(), "--mapping", home.resolve("examples/blog/mapping.json").toString(),
                "--target", targetProfile);
        assertThat(start.exitCode()).as(start.all()).isZero();
        runs.add(start.stdout().strip());
        return start.stdout().strip();
    }

    /** Rolled back with every compensation reported, the datasource reverted exactly once, the reason kept. */
    private static void assertRolledBackOnce(String id, String reasonMentions) {
        List<EventType> events = eventTypes(id, EventType.DATASOURCE_REVERTED);
        assertThat(events).filteredOn(t -> t == EventType.DATASOURCE_REVERTED).hasSize(1);
        assertThat(events).filteredOn(t -> t == EventType.ROLLBACK_STEP_COMPLETED).hasSize(2);
        assertThat(events.get(events.size() - 1)).as("datasource reverted comes last").isEqualTo(
                EventType.DATASOURCE_REVERTED);
        JsonNode run = awaitRunState(id, "ROLLED_BACK");
        assertThat(run.path("failureReason").asText()).contains(reasonMentions);
    }

    private static void keepPreExistingRows(String database) throws SQLException {
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keep_me (id integer primary key, note text)");
            s.execute("INSERT INTO keep_me VALUES (1, 'was here before'), (2, 'and stays')");
        }
    }

    private static Path blogSchemaWith(String name, String migration, String sql) throws IOException {
        Path schema = Files.createDirectories(work.resolve(name));
        for (String file : List.of("V1__create_tables.sql", "V2__indexes.sql")) {
            Files.copy(home.resolve("examples/blog/schema").resolve(file), schema.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(schema.resolve(migration), sql);
        return schema;
    }

    /**
     * The run's events except progress, in the order they occurred (topics interleave on arrival),
     * once its last event has arrived.
     */
    private static List<EventType> eventTypes(String id, EventType last) {
        probe.await(id, EventType.MIGRATION_REQUESTED, Duration.ofSeconds(30));
        probe.await(id, last, Duration.ofSeconds(30));
        return probe.eventsOf(id).stream()
                .filter(e -> e.type() != EventType.PROGRESS && e.type() != EventType.STABILIZATION_CHECKED)
                .sorted(java.util.Comparator.comparing(EventEnvelope::occurredAt).thenComparing(EventEnvelope::type))
                .map(EventEnvelope::type)
                .toList();
    }

    private static JsonNode awaitRunState(String id, String status) {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + notificationPort + "/migrations/" + id);
        JsonNode[] state = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(asOperator(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            state[0] = JSON.readTree(response.body());
            assertThat(state[0].path("status").asText()).isEqualTo(status);
        });
        return state[0];
    }

    /** Row count of every table, plus the names of views, sequences, functions and triggers. */
    private static Map<String, Long> relationCounts(String database) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            // a table outside public (the archive of fenced tables, say) is named with its schema
            try (ResultSet rs = s.executeQuery("SELECT CASE WHEN n.nspname = 'public' THEN c.relname "
                    + "ELSE n.nspname || '.' || c.relname END, c.relkind FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                    + "AND n.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'v', 'S', 'm') ORDER BY 1")) {
                while (rs.next()) {
                    if ("r".equals(rs.getString(2))) {
                        tables.add(rs.getString(1));
                    } else {
                        result.put(rs.getString(1) + " (" + rs.getString(2) + ")", -1L);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                    + "p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') UNION ALL "
                    + "SELECT t.tgname FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 1")) {
                while (rs.next()) {
                    result.put(rs.getString(1) + " (function or trigger)", -1L);
                }
            }
            for (String table : tables) {
                String quoted = java.util.Arrays.stream(table.split("\\.", 2))
                        .map(part -> "\"" + part.replace("\"", "\"\"") + "\"").collect(java.util.stream.Collectors.joining("."));
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted)) {
                    rs.next();
                    result.put(table, rs.getLong(1));
                }
            }
        }
        return result;
    }

    private static Map<String, Long> tableCounts(String database, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> all = relationCounts(database);
        tables.forEach(t -> counts.put(t, all.get(t)));
        return counts;
    }

    private static Map<String, Long> recordCounts(Path dbJson) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(dbJson.toFile()).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            counts.put(field.getKey(), (long) field.getValue().size());
        }
        return counts;
    }

    /** Processes still running from this test's stack directory. */
    private static List<Long> ourProcesses() throws IOException {
        String marker = cliStackDir();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    String environ = cmdline.contains("quarkus-run.jar") || cmdline.contains("kafka.Kafka")
                            ? Files.readString(proc.resolve("environ")).replace('\0', '\n') : "";
                    if (cmdline.contains(marker) || environ.contains(marker)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }

    private static String cliStackDir() {
        return work.toString() + "/stack-";
    }

    private static String sha256(Path file) throws IOException {
        return java.util.HexFormat.of().formatHex(sha256Digest(Files.readAllBytes(file)));
    }

    private static byte[] sha256Digest(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(String name) {
        createdDatabases.add(name);
        return name;
    }
}
