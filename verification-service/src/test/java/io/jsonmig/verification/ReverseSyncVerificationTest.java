package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.metrics.ScrapedMetrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A rollback after the cut-over: the reverse sync's export (a snapshot in the source's layout) is verified
 * against the fenced tables with the forward verification's comparison, on a real broker and PostgreSQL. The
 * tables are the blog's, filled by PostgreSQL's own JSON functions ({@code BlogTarget}); the export is the
 * blog's db.json as the application's writes in PostgreSQL changed it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ReverseSyncVerificationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path DB_JSON = BlogTarget.EXAMPLE.resolve("data/db.json");
    private static final int BLOG_TAGS = BlogTarget.TAGS;

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;

    @Inject
    TargetProfiles targets;

    @Inject
    DataSource ledger;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-verification-reverse-").toRealPath();
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void anExportEqualToTheFencedTablesIsVerifiedAndItsReportKeptBesideTheForwardOne() throws Exception {
        String schema = "rev_equal";
        BlogTarget.prepare(targets.resolve("test"), schema);
        Path mapping = BlogTarget.withTagsChildTable(targets.resolve("test"), schema, workDir);
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = spec(mapping);
        // The load quarantined comment 5 (position 4): it is in no table, and the export keeps it as it was.
        execute("DELETE FROM " + schema + ".comments WHERE id = 5");
        execute("CREATE TABLE " + schema + "._jsonmig_rejects (migration_id text NOT NULL, collection text NOT NULL, "
                + "position bigint NOT NULL, record_key text, reason text NOT NULL, raw jsonb NOT NULL, "
                + "PRIMARY KEY (migration_id, collection, position))");
        execute("INSERT INTO " + schema + "._jsonmig_rejects VALUES ('" + id + "', 'comments', 4, '{\"id\": 5}', "
                + "'a test reject', '{}')");
        List<TableLoad> loads = List.of(new TableLoad("users", schema + ".users", 40),
                new TableLoad("posts", schema + ".posts", 120),
                new TableLoad("posts", schema + ".post_tags", BLOG_TAGS),
                new TableLoad("comments", schema + ".comments", 299, 1));
        probe.publish(EventEnvelope.of(id, 1, "migration-service", "", new DataMigrated(spec,
                snapshot(id + "-a1", snapshotOf("forward-" + schema, UnaryOperator.identity()), "0".repeat(64)),
                List.of("V1__create_tables.sql", "V2__indexes.sql"), loads, 708, 1_000), Instant.now()));
        probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);

        // After the cut-over the application renamed user 1 in PostgreSQL; the export carries that back.
        execute("UPDATE " + schema + ".users SET name = 'Leanne Singh-Okafor' WHERE id = 1");
        probe.publish(EventEnvelope.of(id, 1, "operator", "", RollbackRequested.afterCutover(
                RollbackTrigger.FUNCTIONALITY, "login broken", spec), Instant.now()));
        List<CollectionSync> collections = List.of(new CollectionSync("users", schema + ".users", 39, 1, 0, 0, 0),
                new CollectionSync("posts", schema + ".posts", 120, 0, 0, 0, 0),
                new CollectionSync("comments", schema + ".comments", 299, 0, 0, 0, 1));
        SnapshotSummary export = export(id, "export-" + schema,
                json -> json.replaceFirst("\"name\": \"Leanne Singh\"", "\"name\": \"Leanne Singh-Okafor\""));
        probe.publish(exported(id, spec, export, schema, List.of("users", "posts", "post_tags", "comments"),
                collections, Map.of("comments", List.of(4L))));

        ReverseSyncVerified verified = probe.await(id, EventType.REVERSE_SYNC_VERIFIED, TIMEOUT)
                .payloadAs(ReverseSyncVerified.class);
        assertThat(verified.checks()).containsExactly(
                new CollectionCheck("users", schema + ".users", 40, 40, true),
                new CollectionCheck("posts", schema + ".posts", 120, 120, true),
                new CollectionCheck("comments", schema + ".comments", 299, 299, true));
        assertThat(verified.snapshot()).isEqualTo(export);
        assertThat(verified.collections()).isEqualTo(collections);
        assertThat(verified.reportLocation()).isEqualTo("http://127.0.0.1:8083/verifications/" + id + "/reverse-sync");
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.ROLLBACK_STEP_COMPLETED);

        JsonPath reverse = given().when().get("/verifications/{id}/reverse-sync", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(reverse.getString("kind")).isEqualTo("reverse-sync");
        assertThat(reverse.getBoolean("passed")).isTrue();
        assertThat(reverse.getString("snapshotId")).isEqualTo(id + "-reverse");
        assertThat(reverse.getList("failures")).isEmpty();
        assertThat(reverse.getList("smokeChecks")).as("no smoke checks for an export").isEmpty();
        assertThat(reverse.getList("tables.table")).containsExactly(schema + ".users", schema + ".posts",
                schema + ".post_tags", schema + ".comments");
        assertThat(reverse.getList("tables.matched", Integer.class)).containsExactly(40, 120, BLOG_TAGS, 299);
        assertThat(reverse.getInt("tables[3].rejected")).as("the kept reject, not missing").isEqualTo(1);
        assertThat(reverse.getInt("tables[3].missing")).isZero();
        assertThat(reverse.getList("checks.expected", Integer.class)).containsExactly(40, 120, 299);
        String page = given().when().get("/verifications/{id}/reverse-sync.html", id).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("Reverse sync verification passed", "Smoke checks are not run",
                schema + ".post_tags", id + "-reverse");

        JsonPath forward = given().when().get("/verifications/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(forward.getString("kind")).isEqualTo("forward");
        assertThat(forward.getString("snapshotId")).isEqualTo(id + "-a1");
        assertThat(forward.getList("smokeChecks.name")).containsExactly("no-smoke-trap");
        assertThat(given().when().get("/verifications/{id}.html", id).then().statusCode(200).extract().asString())
                .contains("Verification passed").doesNotContain("Reverse sync");
        assertThat(ledgerCount("verification_report", id)).as("one report of each kind").isEqualTo(2);

        ScrapedMetrics metrics = ScrapedMetrics.of(given().when().get("/q/metrics").then().statusCode(200).extract()
                .asString());
        assertThat(metrics.value("jsonmig_rows_verified_total", Map.of("table", schema + ".comments",
                "check", "reverse-sync", "outcome", "passed"))).isEqualTo(299.0);
        assertThat(metrics.value("jsonmig_rows_verified_total", Map.of("table", schema + ".comments",
                "check", "forward", "outcome", "passed"))).isEqualTo(299.0);
    }

    @Test
    void anExportThatDisagreesWithTheFencedTablesFailsTheStepNamingTableAndKey() throws Exception {
        String schema = "rev_differs";
        BlogTarget.prepare(targets.resolve("test"), schema);
        // A row the export lacks, and an exported record that is not its row.
        execute("INSERT INTO " + schema + ".comments (id, post_id, name, email, body, created_at) VALUES "
                + "(9999, 1, 'late', 'late@example.org', 'written after the export', now())");
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = spec(null);
        SnapshotSummary export = export(id, "export-" + schema,
                json -> json.replaceFirst("\"name\": \"Ervin Petrov\"", "\"name\": \"Ervin Petrova\""));
        EventEnvelope exported = probe.publish(exported(id, spec, export, schema, List.of("users", "posts", "comments"),
                List.of(new CollectionSync("users", schema + ".users", 39, 1, 0, 0, 0),
                        new CollectionSync("posts", schema + ".posts", 120, 0, 0, 0, 0),
                        new CollectionSync("comments", schema + ".comments", 300, 0, 0, 0, 0)), Map.of()));

        RollbackStepCompleted step = probe.await(id, EventType.ROLLBACK_STEP_COMPLETED, TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
        assertThat(step.compensator()).isEqualTo(RollbackStepCompleted.VERIFIER);
        assertThat(step.succeeded()).isFalse();
        assertThat(step.phase()).isEqualTo(Phase.STABILIZATION);
        assertThat(step.spec()).isEqualTo(spec);
        assertThat(step.actions().get(0)).startsWith("the export " + id + "-reverse disagrees with the fenced tables: ")
                .contains("table " + schema + ".comments holds 301");
        assertThat(step.actions()).contains("row id=2 of " + schema + ".users differs in name",
                "row id=9999 of " + schema + ".comments is not in the snapshot",
                "the live JSON files and the fenced tables are left as they are");
        assertThat(String.join("\n", step.actions())).as("values stay in the report")
                .doesNotContain("Ervin", "written after the export");
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.REVERSE_SYNC_VERIFIED);

        given().when().get("/verifications/{id}/reverse-sync", id).then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.equalTo("reverse-sync"))
                .body("passed", org.hamcrest.Matchers.equalTo(false))
                .body("tables[0].differences[0].key", org.hamcrest.Matchers.equalTo("id=2"))
                .body("tables[0].differences[0].fields[0].expected", org.hamcrest.Matchers.equalTo("Ervin Petrova"))
                .body("tables[0].differences[0].fields[0].actual", org.hamcrest.Matchers.equalTo("Ervin Petrov"));
        given().when().get("/verifications/{id}", id).then().statusCode(404)
                .body("error", containsString("no verification report for run " + id));
        assertThat(exported.eventId()).isNotBlank();
    }

    @Test
    void aRedeliveredExportHasOneVerdict() throws Exception {
        String schema = "rev_twice";
        BlogTarget.prepare(targets.resolve("test"), schema);
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = spec(null);
        EventEnvelope exported = exported(id, spec, export(id, "export-" + schema, UnaryOperator.identity()), schema,
                List.of("users", "posts", "comments"), List.of(new CollectionSync("users", schema + ".users", 40, 0, 0, 0, 0),
                        new CollectionSync("posts", schema + ".posts", 120, 0, 0, 0, 0),
                        new CollectionSync("comments", schema + ".comments", 300, 0, 0, 0, 0)), Map.of());
        probe.publish(exported);
        probe.publish(exported);

        // A later run's export on the same partition, which cannot be read where it lies: its failed step says
        // both deliveries before it were handled.
        String later = MigrationIds.newId(Clock.systemUTC());
        probe.publish(exported(later, spec, snapshot(later + "-reverse", "/etc", "0".repeat(64)), schema,
                List.of("users"), List.of(new CollectionSync("users", schema + ".users", 40, 0, 0, 0, 0)), Map.of()));
        RollbackStepCompleted refused = probe.await(later, EventType.ROLLBACK_STEP_COMPLETED, TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.actions().get(0)).startsWith("cannot verify the export " + later
                + "-reverse against the fenced tables: ");
        probe.await(id, EventType.REVERSE_SYNC_VERIFIED, TIMEOUT);

        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).containsOnlyOnce(EventType.REVERSE_SYNC_VERIFIED)
                .doesNotContain(EventType.ROLLBACK_STEP_COMPLETED);
        assertThat(ledgerCount("verification_report", id)).as("reports").isEqualTo(1);
        assertThat(ledgerCount("phase_job", id)).as("jobs").isEqualTo(1);
        given().when().get("/verifications/{id}/reverse-sync", "mig-19990101-000000-0000").then().statusCode(404)
                .body("error", containsString("no reverse sync verification report for run"));
        given().when().get("/verifications/{id}/reverse-sync.html", "Not_A_Run").then().statusCode(400);
    }

    @Test
    void anExportChangedAfterItsManifestWasWrittenIsNotComparedAndFailsTheStep() throws Exception {
        String schema = "rev_tampered";
        BlogTarget.prepare(targets.resolve("test"), schema);
        String id = MigrationIds.newId(Clock.systemUTC());
        SnapshotSummary export = export(id, "export-" + schema, UnaryOperator.identity());
        Path file = Path.of(export.location()).resolve("files/db.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"name\": \"Ervin Petrov\"",
                "\"name\": \"Ervin Petrovx\""));
        probe.publish(exported(id, spec(null), export, schema, List.of("users", "posts", "comments"),
                List.of(new CollectionSync("users", schema + ".users", 40, 0, 0, 0, 0),
                        new CollectionSync("posts", schema + ".posts", 120, 0, 0, 0, 0),
                        new CollectionSync("comments", schema + ".comments", 300, 0, 0, 0, 0)), Map.of()));

        RollbackStepCompleted step = probe.await(id, EventType.ROLLBACK_STEP_COMPLETED, TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isFalse();
        assertThat(step.actions().get(0)).startsWith("the export " + id + "-reverse does not match its manifest");
        assertThat(step.actions().get(1)).startsWith("snapshot file " + file.toRealPath() + " is corrupted: ");
        assertThat(step.actions()).last().isEqualTo("the live JSON files and the fenced tables are left as they are");
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.REVERSE_SYNC_VERIFIED
                || e.type() == EventType.PROGRESS);
        given().when().get("/verifications/{id}/reverse-sync", id).then().statusCode(404);
    }

    private static RunSpec spec(Path mapping) {
        return new RunSpec(workDir.resolve("app").toString(), BlogTarget.EXAMPLE.resolve("schema").toAbsolutePath()
                .toString(), mapping == null ? null : mapping.toString(), "test", "verification-service-test");
    }

    /** A snapshot directory holding the blog's db.json as the function changes its text. */
    private static String snapshotOf(String name, UnaryOperator<String> change) throws IOException {
        Path dir = workDir.resolve(name);
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/db.json"), change.apply(Files.readString(DB_JSON)));
        return dir.toString();
    }

    private static SnapshotSummary snapshot(String snapshotId, String location, String manifestSha256) {
        return new SnapshotSummary(snapshotId, location, "db-json", 1, 180_000,
                Map.of("users", 40L, "posts", 120L, "comments", 300L), manifestSha256, SnapshotStorage.PLAIN, null);
    }

    /**
     * An export as migration-service writes it: the blog's db.json as the function changes its text, with a
     * manifest of the file and the manifest's checksum beside it.
     */
    private static SnapshotSummary export(String id, String name, UnaryOperator<String> change) throws IOException {
        Path dir = Path.of(snapshotOf(name, change));
        Path file = dir.resolve("files/db.json");
        byte[] content = Files.readAllBytes(file);
        String sha256 = sha256(content);
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id + "-reverse", id, 1, "localhost",
                workDir.resolve("app").toString(), Instant.now(), "db-json", SnapshotStorage.PLAIN,
                List.of(new ManifestFile("db.json", content.length, sha256, "rw-r--r--", Instant.now(), content.length,
                        sha256)), Map.of("users", 40L, "posts", 120L, "comments", 300L), null);
        byte[] manifestBytes = EventJson.mapper().writeValueAsBytes(manifest);
        Files.write(dir.resolve(Manifest.FILE_NAME), manifestBytes);
        Files.writeString(dir.resolve(Manifest.CHECKSUM_FILE_NAME), sha256(manifestBytes) + "  " + Manifest.FILE_NAME
                + "\n");
        return snapshot(id + "-reverse", dir.toString(), sha256(manifestBytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EventEnvelope exported(String id, RunSpec spec, SnapshotSummary export, String schema,
                                          List<String> tables, List<CollectionSync> collections,
                                          Map<String, List<Long>> rejectPositions) {
        WriteFence fence = new WriteFence(tables.stream().map(t -> schema + "." + t).toList(), Instant.now(), 12,
                "jsonmig: " + id + " is being rolled back");
        return EventEnvelope.of(id, 1, "migration-service", "", new ReverseSyncExported(spec, export,
                id + "-a1", fence, collections, rejectPositions), Instant.now());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long ledgerCount(String table, String migrationId) throws SQLException {
        try (Connection c = ledger.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM verification." + table
                     + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
