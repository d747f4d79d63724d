package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotConfig;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class VerificationServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of("../examples/blog");
    /** Records per collection of examples/blog/data/db.json, in file order (the load order). */
    private static final Map<String, Long> BLOG_RECORDS = blogRecords();

    private static EventProbe probe;
    private static Path workDir;
    private static Path snapshotDir;

    @Inject
    TargetProfiles targets;

    @Inject
    DataSource ledger;

    @Inject
    SnapshotCodec codec;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-verification-test-").toRealPath();
        snapshotDir = workDir.resolve("snapshot");
        Files.createDirectories(snapshotDir.resolve("files"));
        Files.copy(EXAMPLE.resolve("data/db.json"), snapshotDir.resolve("files").resolve("db.json"));
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void matchingCountsPassThenTheCutoverIsAnnouncedAndTheReportIsServed() throws Exception {
        prepareTarget(null, 40, 120, 300);
        EventEnvelope migrated = dataMigrated("test", blogLoads(""));
        String id = probe.publish(migrated).migrationId();

        EventEnvelope passedEvent = probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);
        VerificationPassed passed = passedEvent.payloadAs(VerificationPassed.class);
        assertThat(passed.checks()).containsExactly(
                new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, 300, true));
        assertThat(passed.reportLocation()).isEqualTo("http://127.0.0.1:8083/verifications/" + id);
        assertThat(passed.spec()).isEqualTo(migrated.payloadAs(DataMigrated.class).spec());

        EventEnvelope cutoverEvent = probe.await(id, EventType.CUTOVER_READY, TIMEOUT);
        CutoverReady cutover = cutoverEvent.payloadAs(CutoverReady.class);
        assertThat(cutover.targetProfile()).isEqualTo("test");
        assertThat(cutover.tables()).containsExactly("users", "posts", "comments");
        assertThat(cutover.instruction()).isEqualTo("switch the application's data source from the JSON files in "
                + sourceDir() + " to PostgreSQL target profile 'test' (tables users, posts, comments)");
        assertThat(cutoverEvent.occurredAt()).isAfterOrEqualTo(passedEvent.occurredAt());
        assertThat(probe.awaitMatching(id, e -> e.payload() instanceof Progress p && p.phase() == Phase.VERIFICATION
                && p.item().equals("comments"), "verification progress of comments", TIMEOUT)
                .payloadAs(Progress.class)).isEqualTo(new Progress(Phase.VERIFICATION, "comments", 3, 3));

        given().when().get("/verifications/{id}", id).then()
                .statusCode(200)
                .body("migrationId", equalTo(id))
                .body("attempt", equalTo(1))
                .body("targetProfile", equalTo("test"))
                .body("passed", equalTo(true))
                .body("summary", equalTo("all 3 collection(s) match the snapshot: users 40, posts 120, comments 300"))
                .body("checks.collection", contains("users", "posts", "comments"))
                .body("checks.expected", contains(40, 120, 300))
                .body("checks.actual", contains(40, 120, 300))
                .body("checks.passed", contains(true, true, true));
    }

    @Test
    void aTableWithOneRowMissingFailsTheVerificationAndRequestsARollback() throws Exception {
        prepareTarget("one_row_missing", 40, 119, 300);
        String id = probe.publish(dataMigrated("test", blogLoads("one_row_missing."))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).extracting(CollectionCheck::passed).containsExactly(true, false, true);
        assertThat(failed.checks().get(1)).isEqualTo(
                new CollectionCheck("posts", "one_row_missing.posts", 120, 119, false));
        assertThat(failed.summary()).isEqualTo("1 of 3 collection check(s) failed: collection posts: expected 120 rows "
                + "(records in the snapshot), table one_row_missing.posts holds 119");
        assertThat(failed.reportLocation()).endsWith("/verifications/" + id);

        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.DATA_INTEGRITY);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.VERIFICATION);
        assertThat(rollback.reason()).isEqualTo(failed.summary());
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.CUTOVER_READY);

        given().when().get("/verifications/{id}", id).then()
                .statusCode(200)
                .body("passed", equalTo(false))
                .body("checks[1].actual", equalTo(119))
                .body("checks[1].problems[0]", containsString("table one_row_missing.posts holds 119"));
    }

    @Test
    void aTableMissingFromTheTargetIsAFailedCheckNamingTheTable() throws Exception {
        prepareTarget("no_comments", 40, 120, 300);
        execute("DROP TABLE no_comments.comments");
        String id = probe.publish(dataMigrated("test", blogLoads("no_comments."))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).containsExactly(
                new CollectionCheck("users", "no_comments.users", 40, 40, true),
                new CollectionCheck("posts", "no_comments.posts", 120, 120, true),
                new CollectionCheck("comments", "no_comments.comments", 300, 0, false));
        assertThat(failed.summary()).contains("collection comments: expected 300 rows, but table "
                + "no_comments.comments does not exist in target profile 'test'");
        assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                .trigger()).isEqualTo(RollbackTrigger.DATA_INTEGRITY);
    }

    @Test
    void aTableNameThatIsNoIdentifierIsAFailedCheckAndTheOtherTablesAreStillCounted() throws Exception {
        prepareTarget("odd_names", 40, 120, 300);
        List<TableLoad> loads = List.of(new TableLoad("users", "odd_names.users", 40),
                new TableLoad("posts", "odd_names.posts; DROP TABLE odd_names.users", 120),
                new TableLoad("comments", "odd_names.comments", 300));
        String id = probe.publish(dataMigrated("test", loads)).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).extracting(CollectionCheck::passed).containsExactly(true, false, true);
        assertThat(failed.summary()).contains("'odd_names.posts; DROP TABLE odd_names.users' is not a valid table name");
        assertThat(countRows("odd_names.users")).isEqualTo(40);
    }

    @Test
    void aCollectionThatWasNotLoadedIsAFailedCheck() throws Exception {
        prepareTarget("not_loaded", 40, 120, 0);
        String id = probe.publish(dataMigrated("test", blogLoads("not_loaded.").subList(0, 2))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks().get(2)).isEqualTo(new CollectionCheck("comments", null, 300, 0, false));
        assertThat(failed.summary()).isEqualTo("1 of 3 collection check(s) failed: "
                + "collection comments has 300 records in the snapshot but was not loaded into any table");
    }

    @Test
    void aRedeliveredDataMigratedIsVerifiedOnce() throws Exception {
        prepareTarget("redelivered", 40, 120, 300);
        EventEnvelope migrated = dataMigrated("test", blogLoads("redelivered."));
        probe.publish(migrated);
        probe.publish(migrated);
        // One partition, handled in order: once a later run is verified, both deliveries were handled.
        String later = probe.publish(dataMigrated("test", blogLoads("redelivered."))).migrationId();
        probe.await(later, EventType.CUTOVER_READY, TIMEOUT);

        String id = migrated.migrationId();
        assertThat(probe.eventsOf(id)).filteredOn(e -> e.type() == EventType.VERIFICATION_PASSED).hasSize(1);
        assertThat(probe.eventsOf(id)).filteredOn(e -> e.type() == EventType.CUTOVER_READY).hasSize(1);
        assertThat(ledgerCount("verification_report", id)).isEqualTo(1);
        assertThat(ledgerCount("phase_run", id)).isEqualTo(1);
    }

    @Test
    void anUnreachableTargetFailsThePhaseNamingTheProfile() {
        String id = probe.publish(dataMigrated("unreachable", blogLoads(""))).migrationId();

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.VERIFICATION);
        assertThat(failed.reason()).startsWith("cannot connect to target profile 'unreachable': ");
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.VERIFICATION);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.VERIFICATION_PASSED
                || e.type() == EventType.VERIFICATION_FAILED);
    }

    @Test
    void aSnapshotOutsideTheAllowedRootsFailsThePhase() {
        EventEnvelope migrated = dataMigrated("test", blogLoads(""), "/etc");
        String id = probe.publish(migrated).migrationId();

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.VERIFICATION);
        assertThat(failed.reason()).contains("snapshot directory /etc lies outside the allowed roots");
    }

    @Test
    void aCompressedEncryptedSnapshotIsCountedExactlyLikeAPlainOne() throws Exception {
        prepareTarget("encrypted", 40, 120, 300);
        SnapshotStorage storage = new SnapshotStorage(SnapshotStorage.GZIP, SnapshotStorage.AES_256_GCM,
                codec.storageForNewSnapshots().keyFingerprint());
        Path encrypted = encodedSnapshot("encrypted-snapshot", codec, storage);
        String id = probe.publish(dataMigrated("test", blogLoads("encrypted."), encrypted.toString(), storage))
                .migrationId();

        VerificationPassed passed = probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT)
                .payloadAs(VerificationPassed.class);

        assertThat(passed.checks()).containsExactly(
                new CollectionCheck("users", "encrypted.users", 40, 40, true),
                new CollectionCheck("posts", "encrypted.posts", 120, 120, true),
                new CollectionCheck("comments", "encrypted.comments", 300, 300, true));
        assertThat(Files.readString(encrypted.resolve("files/db.json"), StandardCharsets.ISO_8859_1))
                .as("the stored copy is not readable as JSON").doesNotContain("\"users\"");
        probe.await(id, EventType.CUTOVER_READY, TIMEOUT);
    }

    @Test
    void aSnapshotEncryptedWithAnotherKeyFailsThePhaseNamingTheFileAndBothKeys() throws Exception {
        SnapshotCodec otherKey = new SnapshotCodec(new OtherKey());
        SnapshotStorage storage = otherKey.storageForNewSnapshots();
        Path encrypted = encodedSnapshot("other-key-snapshot", otherKey, storage);
        String id = probe.publish(dataMigrated("test", blogLoads(""), encrypted.toString(), storage)).migrationId();

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.VERIFICATION);
        assertThat(failed.reason()).isEqualTo(encrypted.resolve("files/db.json") + ": encrypted with the key of "
                + "fingerprint " + storage.keyFingerprint() + ", but the configured key (JSONMIG_SNAPSHOT_KEY) has "
                + "fingerprint " + codec.storageForNewSnapshots().keyFingerprint()
                + ": configure the key backup-service used");
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.VERIFICATION);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.VERIFICATION_PASSED
                || e.type() == EventType.CUTOVER_READY);
    }

    /** A reader configured with a key other than the service's. */
    private record OtherKey(String compression, Optional<String> encryptionKey) implements SnapshotConfig {
        OtherKey() {
            this("none", Optional.of("0ngaBFWkOfTpz3r7wXrMWRQpOec2LhJqW/6XujJgOLk="));
        }
    }

    /** A copy of the blog's db.json stored as backup-service stores it with that storage. */
    private static Path encodedSnapshot(String name, SnapshotCodec codec, SnapshotStorage storage) throws IOException {
        Path snapshot = workDir.resolve(name);
        Files.createDirectories(snapshot.resolve("files"));
        try (OutputStream out = codec.encoder(Files.newOutputStream(snapshot.resolve("files/db.json")), storage)) {
            Files.copy(EXAMPLE.resolve("data/db.json"), out);
        }
        return snapshot;
    }

    @Test
    void reportRequestsForAnInvalidOrUnknownRunAreRefused() {
        given().when().get("/verifications/{id}", "Not_A_Run").then()
                .statusCode(400)
                .body("error", containsString("invalid migration id 'Not_A_Run'"));
        given().when().get("/verifications/{id}", "mig-19990101-000000-0000").then()
                .statusCode(404)
                .body("error", containsString("no verification report for run mig-19990101-000000-0000"));
    }

    private static Map<String, Long> blogRecords() {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("users", 40L);
        records.put("posts", 120L);
        records.put("comments", 300L);
        return records;
    }

    private static List<TableLoad> blogLoads(String schemaPrefix) {
        return BLOG_RECORDS.entrySet().stream()
                .map(e -> new TableLoad(e.getKey(), schemaPrefix + e.getKey(), e.getValue())).toList();
    }

    private static EventEnvelope dataMigrated(String profile, List<TableLoad> loads) {
        return dataMigrated(profile, loads, snapshotDir.toString());
    }

    private static EventEnvelope dataMigrated(String profile, List<TableLoad> loads, String snapshotLocation) {
        return dataMigrated(profile, loads, snapshotLocation, SnapshotStorage.PLAIN);
    }

    private static EventEnvelope dataMigrated(String profile, List<TableLoad> loads, String snapshotLocation,
                                              SnapshotStorage storage) {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(sourceDir(), EXAMPLE.resolve("schema").toAbsolutePath().toString(), null, profile,
                "verification-service-test");
        SnapshotSummary snapshot = new SnapshotSummary(id + "-a1", snapshotLocation, "db-json", 1, 180_000,
                BLOG_RECORDS, "0".repeat(64), storage);
        long rows = loads.stream().mapToLong(TableLoad::rows).sum();
        DataMigrated payload = new DataMigrated(spec, snapshot, List.of("V1__create_tables.sql", "V2__indexes.sql"),
                loads, rows, 1_000);
        return EventEnvelope.of(id, 1, "migration-service", "", payload, Instant.now());
    }

    private static String sourceDir() {
        return workDir.resolve("app").toString();
    }

    /** The blog schema in the given schema (or public), with that many minimal rows per table. */
    private void prepareTarget(String schema, int users, int posts, int comments) throws SQLException, IOException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            }
            s.execute(Files.readString(EXAMPLE.resolve("schema/V1__create_tables.sql")));
            s.execute(Files.readString(EXAMPLE.resolve("schema/V2__indexes.sql")));
            insert(c, "INSERT INTO users (id, name, username, email, created_at, active) "
                    + "SELECT g, 'user ' || g, 'user' || g, 'user' || g || '@example.org', now(), true "
                    + "FROM generate_series(1, ?) g", users);
            insert(c, "INSERT INTO posts (id, user_id, title, body, published_at) "
                    + "SELECT g, 1, 'title ' || g, 'body', now() FROM generate_series(1, ?) g", posts);
            insert(c, "INSERT INTO comments (id, post_id, name, email, body, created_at) "
                    + "SELECT g, 1, 'name', 'c@example.org', 'body', now() FROM generate_series(1, ?) g", comments);
        }
    }

    private static void insert(Connection c, String sql, int rows) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setInt(1, rows);
            assertThat(statement.executeUpdate()).isEqualTo(rows);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long countRows(String table) throws SQLException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
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
