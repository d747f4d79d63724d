package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DryRuns;
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
import io.jsonmig.testing.auth.TestApiCredentials;
import io.jsonmig.testing.browser.HeadlessChromium;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URL;
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

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class VerificationServiceTest {

    @TestHTTPResource("/")
    URL base;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of("../examples/blog");
    /** Records per collection of examples/blog/data/db.json, in file order (the load order). */
    private static final Map<String, Long> BLOG_RECORDS = blogRecords();
    /** Where each collection's array begins in examples/blog/data/db.json, as backup-service notes it. */
    private static final Map<String, Long> BLOG_OFFSETS = blogOffsets();
    /** Elements of the posts' tags arrays in db.json. */
    private static final int BLOG_TAGS = BlogTarget.TAGS;

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
    void matchingCountsPassNamingTheTablesAndTheReportIsServed() throws Exception {
        prepareTarget(null);
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

        assertThat(passed.tables()).as("what backup-service's cut-over names").containsExactly("users", "posts",
                "comments");
        assertThat(probe.awaitMatching(id, e -> e.payload() instanceof Progress p && p.phase() == Phase.VERIFICATION
                && p.item().equals("comments") && p.done() == p.total(), "verification progress of comments", TIMEOUT)
                .payloadAs(Progress.class)).isEqualTo(new Progress(Phase.VERIFICATION, "comments", 300, 300));
        assertThat(probe.eventsOf(id)).as("progress every 100 records compared")
                .anyMatch(e -> e.payload() instanceof Progress p && p.item().equals("comments") && p.done() == 100);

        given().when().get("/verifications/{id}", id).then()
                .statusCode(200)
                .body("migrationId", equalTo(id))
                .body("attempt", equalTo(1))
                .body("targetProfile", equalTo("test"))
                .body("passed", equalTo(true))
                .body("summary", equalTo("all 3 collection(s) match the snapshot: users 40, posts 120, comments 300; "
                        + "row by row: 460 row(s) of 3 table(s) equal to the snapshot, every column's figures and "
                        + "every key agree; 1 smoke check(s) passed"))
                .body("failures", empty())
                .body("mode", equalTo("full"))
                .body("tables.table", contains("public.users", "public.posts", "public.comments"))
                .body("tables.matched", contains(40, 120, 300))
                .body("tables.keySource", everyItem(equalTo("primary key")))
                .body("tables.spilledRuns", contains(0, 2, 8)) // 64 row hashes in memory per side (%test)
                .body("tables[0].aggregates.find { it.column == 'address_geo_lat' }.actual.sum", notNullValue())
                .body("tables[2].keys.kind", contains("ROW_KEY_UNIQUE", "FOREIGN_KEY"))
                .body("smokeChecks.name", contains("no-smoke-trap"))
                .body("checks.collection", contains("users", "posts", "comments"))
                .body("checks.expected", contains(40, 120, 300))
                .body("checks.actual", contains(40, 120, 300))
                .body("checks.passed", contains(true, true, true));
    }

    @Test
    void aTableWithOneRowMissingFailsTheVerificationAndRequestsARollback() throws Exception {
        prepareTarget("one_row_missing");
        corrupt("DELETE FROM one_row_missing.posts WHERE id = 14"); // no comment refers to it
        String id = probe.publish(dataMigrated("test", blogLoads("one_row_missing."))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).extracting(CollectionCheck::passed).containsExactly(true, false, true);
        assertThat(failed.checks().get(1)).isEqualTo(
                new CollectionCheck("posts", "one_row_missing.posts", 120, 119, false));
        assertThat(failed.summary()).matches("\\d+ problem\\(s\\): collection posts: expected 120 rows "
                + "\\(records in the snapshot\\), table one_row_missing.posts holds 119; "
                + "1 row\\(s\\) missing from one_row_missing.posts: id=14; .*");
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
                .body("checks[1].problems[0]", containsString("table one_row_missing.posts holds 119"))
                .body("tables[1].missing", equalTo(1))
                .body("tables[1].differences[0].kind", equalTo("MISSING"))
                .body("tables[1].differences[0].key", equalTo("id=14"))
                .body("tables[1].differences[0].position", equalTo(13));
    }

    @Test
    void aTableMissingFromTheTargetIsAFailedCheckNamingTheTable() throws Exception {
        prepareTarget("no_comments");
        execute("DROP TABLE no_comments.comments");
        String id = probe.publish(dataMigrated("test", blogLoads("no_comments."))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).containsExactly(
                new CollectionCheck("users", "no_comments.users", 40, 40, true),
                new CollectionCheck("posts", "no_comments.posts", 120, 120, true),
                new CollectionCheck("comments", "no_comments.comments", 300, 0, false));
        assertThat(failed.summary()).contains("collection comments: expected 300 rows, but table "
                + "no_comments.comments does not exist in target profile 'test'")
                .contains("schema conformance: collection 'comments' has no table");
        assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                .trigger()).isEqualTo(RollbackTrigger.DATA_INTEGRITY);
    }

    @Test
    void aTableNameThatIsNoIdentifierIsAFailedCheckAndTheOtherTablesAreStillCounted() throws Exception {
        prepareTarget("odd_names");
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
        prepareTarget("not_loaded");
        execute("TRUNCATE not_loaded.comments");
        String id = probe.publish(dataMigrated("test", blogLoads("not_loaded.").subList(0, 2))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks().get(2)).isEqualTo(new CollectionCheck("comments", null, 300, 0, false));
        assertThat(failed.summary()).contains(
                "collection comments has 300 records in the snapshot but was not loaded into any table; "
                + "300 row(s) missing from not_loaded.comments: id=1, id=2, id=3, id=4, id=5, ...");
    }

    @Test
    void aSnapshotHoldingOtherRecordsThanTheBackupAnnouncedIsAFailedCheck() throws Exception {
        prepareTarget("recounted");
        Map<String, Long> announced = new LinkedHashMap<>(BLOG_RECORDS);
        announced.put("comments", 301L); // the records read while comparing are counted, not the announcement
        String id = probe.publish(dataMigrated("test", blogLoads("recounted."), snapshotDir.toString(),
                SnapshotStorage.PLAIN, null, announced)).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.checks()).extracting(CollectionCheck::passed).containsExactly(true, true, false);
        assertThat(failed.summary()).contains(
                "collection comments: the snapshot holds 300 records now, but held 301 when the backup was taken");
    }

    @Test
    void aRedeliveredDataMigratedIsVerifiedOnce() throws Exception {
        prepareTarget("redelivered");
        EventEnvelope migrated = dataMigrated("test", blogLoads("redelivered."));
        probe.publish(migrated);
        probe.publish(migrated);
        // One partition, handled in order: once a later run is verified, both deliveries were handled.
        String later = probe.publish(dataMigrated("test", blogLoads("redelivered."))).migrationId();
        probe.await(later, EventType.VERIFICATION_PASSED, TIMEOUT);
        probe.await(migrated.migrationId(), EventType.VERIFICATION_PASSED, TIMEOUT); // its job may end after the later one

        String id = migrated.migrationId();
        assertThat(probe.eventsOf(id)).filteredOn(e -> e.type() == EventType.VERIFICATION_PASSED).hasSize(1);
        assertThat(probe.eventsOf(id)).as("backup-service announces the cut-over after its drift check")
                .noneMatch(e -> e.type() == EventType.CUTOVER_READY);
        assertThat(ledgerCount("verification_report", id)).isEqualTo(1);
        assertThat(ledgerCount("phase_run", id)).isEqualTo(1);
    }

    @Test
    void anOperatorAbortDuringTheVerificationStopsItWithoutAVerdict() throws Exception {
        prepareTarget("aborted");
        EventEnvelope migrated = dataMigrated("test", blogLoads("aborted."));
        String id = migrated.migrationId();
        try (Connection target = targets.resolve("test").connect()) {
            // The comparison of comments waits for this lock: the verification is held half-way.
            target.setAutoCommit(false);
            try (Statement s = target.createStatement()) {
                s.execute("LOCK TABLE aborted.comments IN ACCESS EXCLUSIVE MODE");
            }
            probe.publish(migrated);
            probe.awaitMatching(id, e -> e.payload() instanceof Progress p && p.item().equals("posts")
                    && p.done() == 120, "posts compared before comments wait", TIMEOUT);

            probe.publish(EventEnvelope.of(id, 1, "cli", "operator", new RollbackRequested(
                    RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                    migrated.payloadAs(DataMigrated.class).spec()), Instant.now()));
            await().atMost(TIMEOUT).until(() -> jobColumn(migrated.eventId(), "cancel_reason") != null);
            target.commit();
        }

        await().atMost(TIMEOUT).until(() -> "CANCELLED".equals(jobColumn(migrated.eventId(), "status")));
        assertThat(jobColumn(migrated.eventId(), "detail")).contains("rollback requested");
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.VERIFICATION_PASSED,
                EventType.VERIFICATION_FAILED, EventType.CUTOVER_READY, EventType.PHASE_FAILED);
        assertThat(ledgerCount("verification_report", id)).as("no verdict, so no report").isZero();
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
        prepareTarget("encrypted");
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
        probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);
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
    void theReportOfAFailedRunFitsAPhonesWidthInChromium() throws Exception {
        // a value without a space to break at: the widest a difference can be
        String unbroken = "x".repeat(400);
        Failure f = verifyCorrupted("c_phone", "UPDATE c_phone.posts SET title = '" + unbroken + "' WHERE id = 7");

        try (HeadlessChromium chromium = HeadlessChromium.start().authorized(TestApiCredentials.viewerAuthorization())) {
            chromium.resizeToAPhone(TIMEOUT);
            chromium.driver().get(base + "verifications/" + f.id() + ".html");
            chromium.waiting(TIMEOUT).until(d -> d.getPageSource().contains("Verification FAILED"));
            chromium.screenshot("report-failed-phone.png");
            assertThat(chromium.fitsTheWidth()).as("nothing sticks out sideways at 390 px: %s", chromium.overflowing())
                    .isTrue();
            assertThat(chromium.driver().getPageSource()).as("the difference is shown, abbreviated")
                    .contains("x".repeat(100) + "…");
        }
    }

    @Test
    void oneUpdatedFieldIsNamedByKeyAndColumnWithBothValues() throws Exception {
        Failure f = verifyCorrupted("c_field", "UPDATE c_field.posts SET title = 'edited' WHERE id = 7");
        assertThat(f.event().summary()).contains("1 row(s) of c_field.posts differ from the snapshot: id=7 (title)");
        assertThat(f.event().checks()).extracting(CollectionCheck::passed).containsExactly(true, false, true);
        assertThat(f.report().getString("tables[1].differences[0].kind")).isEqualTo("DIFFERENT");
        assertThat(f.report().getString("tables[1].differences[0].key")).isEqualTo("id=7");
        assertThat(f.report().getList("tables[1].differences[0].fields.column")).containsExactly("title");
        assertThat(f.report().getString("tables[1].differences[0].fields[0].field")).isEqualTo("title");
        assertThat(f.report().getString("tables[1].differences[0].fields[0].expected")).isEqualTo(blogField("posts", 6, "title"));
        assertThat(f.report().getString("tables[1].differences[0].fields[0].actual")).isEqualTo("edited");

        String page = given().when().get("/verifications/{id}.html", f.id()).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("Verification FAILED", "id=7", "<td>title</td>", "edited");
        assertThat(page.indexOf("id=\"failures\"")).as("failures before the tables")
                .isLessThan(page.indexOf("Tables, failures first"));
        assertThat(page.indexOf("c_field.posts <small>")).as("the failed table first")
                .isLessThan(page.indexOf("c_field.users <small>"));
    }

    @Test
    void aDeletedRowIsMissingByKey() throws Exception {
        Failure f = verifyCorrupted("c_deleted", "DELETE FROM c_deleted.comments WHERE id = 5");
        assertThat(f.event().summary()).contains("1 row(s) missing from c_deleted.comments: id=5");
        assertThat(f.report().getString("tables[2].differences[0].kind")).isEqualTo("MISSING");
        assertThat(f.report().getString("tables[2].differences[0].key")).isEqualTo("id=5");
        assertThat(f.report().getInt("tables[2].differences[0].position")).isEqualTo(4);
        assertThat(f.report().getList("tables[2].key")).containsExactly("id");
    }

    @Test
    void anExtraRowIsNamedByKey() throws Exception {
        Failure f = verifyCorrupted("c_extra", "INSERT INTO c_extra.comments (id, post_id, name, email, body, created_at) "
                + "VALUES (301, 1, 'x', 'x@example.org', 'x', now())");
        assertThat(f.event().summary()).contains("1 row(s) of c_extra.comments not in the snapshot: id=301");
        assertThat(f.report().getString("tables[2].differences[0].kind")).isEqualTo("EXTRA");
        assertThat(f.report().getString("tables[2].differences[0].key")).isEqualTo("id=301");
    }

    @Test
    void aRoundedDecimalIsADifferenceAndChangesTheColumnSum() throws Exception {
        Failure f = verifyCorrupted("c_rounded",
                "UPDATE c_rounded.users SET address_geo_lat = round(address_geo_lat, 2) WHERE id = 1");
        assertThat(f.event().summary()).contains("1 row(s) of c_rounded.users differ from the snapshot: id=1 (address_geo_lat)")
                .contains("column address_geo_lat of c_rounded.users: sum ");
        assertThat(f.report().getString("tables[0].differences[0].fields[0].column")).isEqualTo("address_geo_lat");
        assertThat(f.report().getString("tables[0].differences[0].fields[0].field")).isEqualTo("address.geo.lat");
        assertThat(f.report().getString("tables[0].differences[0].fields[0].expected")).isEqualTo("-0.0955");
        assertThat(f.report().getString("tables[0].differences[0].fields[0].actual")).isEqualTo("-0.1");
    }

    @Test
    void aStringTruncatedByOneCharacterIsADifferenceAndChangesTheTextLength() throws Exception {
        Failure f = verifyCorrupted("c_truncated", "UPDATE c_truncated.comments SET body = left(body, -1) WHERE id = 1");
        assertThat(f.event().summary()).contains("1 row(s) of c_truncated.comments differ from the snapshot: id=1 (body)")
                .contains("column body of c_truncated.comments: total text length ");
        String body = blogField("comments", 0, "body");
        assertThat(f.report().getString("tables[2].differences[0].fields[0].expected")).isEqualTo(body);
        assertThat(f.report().getString("tables[2].differences[0].fields[0].actual"))
                .isEqualTo(body.substring(0, body.offsetByCodePoints(body.length(), -1)));
    }

    @Test
    void aTimestampShiftedByAnHourIsADifference() throws Exception {
        Failure f = verifyCorrupted("c_shifted",
                "UPDATE c_shifted.posts SET published_at = published_at + interval '1 hour' WHERE id = 3");
        assertThat(f.event().summary()).contains("1 row(s) of c_shifted.posts differ from the snapshot: id=3 (published_at)");
        assertThat(f.report().getString("tables[1].differences[0].key")).isEqualTo("id=3");
        assertThat(f.report().getString("tables[1].differences[0].fields[0].field")).isEqualTo("publishedAt");
        Instant published = Instant.parse(blogField("posts", 2, "publishedAt"));
        assertThat(Instant.parse(f.report().getString("tables[1].differences[0].fields[0].actual")))
                .isEqualTo(published.plusSeconds(3600));
    }

    @Test
    void aBrokenForeignKeyIsAnOrphanNamedByKeyAndColumn() throws Exception {
        Failure f = verifyCorrupted("c_orphan", "UPDATE c_orphan.comments SET post_id = 9999 WHERE id = 9");
        assertThat(f.event().summary()).contains("1 orphan row(s) of c_orphan.comments: foreign key "
                + "comments_post_id_fkey (post_id) finds no parent row (id=9)");
        assertThat(f.report().getList("tables[2].keys.findAll { it.kind == 'FOREIGN_KEY' }.examples.flatten()"))
                .containsExactly("id=9: post_id=9999");
        assertThat(f.report().getString("tables[2].differences[0].fields[0].column")).isEqualTo("post_id");
    }

    @Test
    void aDuplicatedKeyIsNamed() throws Exception {
        Failure f = verifyCorrupted("c_duplicate", "ALTER TABLE c_duplicate.comments DROP CONSTRAINT comments_pkey",
                "INSERT INTO c_duplicate.comments SELECT * FROM c_duplicate.comments WHERE id = 11");
        assertThat(f.event().summary()).contains("key id=11 is held by more than one row of c_duplicate.comments");
        assertThat(f.report().getString("tables[2].keySource")).startsWith("column id");
        assertThat(f.report().getList("tables[2].differences.kind")).containsExactly("DUPLICATE_IN_TABLE");
        assertThat(f.report().getList("tables[2].keys.find { it.kind == 'ROW_KEY_UNIQUE' }.examples"))
                .containsExactly("id=11");
    }

    @Test
    void rejectedRecordsAreAccountedForAndNotMissing() throws Exception {
        prepareTarget("rejects");
        corrupt("DELETE FROM rejects.comments WHERE id = 5");
        List<TableLoad> loads = List.of(new TableLoad("users", "rejects.users", 40),
                new TableLoad("posts", "rejects.posts", 120), new TableLoad("comments", "rejects.comments", 299, 1));
        EventEnvelope migrated = dataMigrated("test", loads);
        execute("CREATE TABLE rejects._jsonmig_rejects (migration_id text NOT NULL, collection text NOT NULL, "
                + "position bigint NOT NULL, record_key text, reason text NOT NULL, raw jsonb NOT NULL, "
                + "PRIMARY KEY (migration_id, collection, position))");
        execute("INSERT INTO rejects._jsonmig_rejects VALUES ('" + migrated.migrationId()
                + "', 'comments', 4, '{\"id\": 5}', 'a test reject', '{}')");
        String id = probe.publish(migrated).migrationId();

        probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);
        given().when().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", equalTo(true))
                .body("checks[2].expected", equalTo(299))
                .body("tables[2].records", equalTo(299))
                .body("tables[2].rejected", equalTo(1))
                .body("tables[2].missing", equalTo(0));
    }

    @Test
    void aFailedSmokeCheckRequestsARollback() throws Exception {
        prepareTarget("smoke");
        execute("CREATE TABLE smoke.smoke_trap ()");
        try {
            String id = probe.publish(dataMigrated("test", blogLoads("smoke."))).migrationId();
            VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                    .payloadAs(VerificationFailed.class);
            assertThat(failed.summary()).isEqualTo("1 problem(s): smoke check no-smoke-trap: expected 0, "
                    + "the query returned 1");
            assertThat(failed.checks()).extracting(CollectionCheck::passed).containsOnly(true);
            assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                    .trigger()).as("the data agree: only a smoke check failed").isEqualTo(RollbackTrigger.SMOKE_CHECK);
            given().when().get("/verifications/{id}", id).then().statusCode(200)
                    .body("smokeChecks[0].source", equalTo("configured"))
                    .body("smokeChecks[0].passed", equalTo(false))
                    .body("smokeChecks[0].actual", equalTo("1"));
        } finally {
            execute("DROP TABLE smoke.smoke_trap");
        }
    }

    @Test
    void aDryRunIsVerifiedInItsThrowawaySchemaWhereItsSmokeChecksRunToo() throws Exception {
        EventEnvelope planned = dataMigrated("dryrun", List.of());
        String id = planned.migrationId();
        String schema = DryRuns.schemaFor(id);
        prepareTarget(schema);
        DataMigrated data = planned.payloadAs(DataMigrated.class);
        probe.publish(EventEnvelope.of(id, 1, "migration-service", "", new DataMigrated(data.spec().withDryRun(true),
                data.snapshot(), data.appliedMigrations(), blogLoads(schema + "."), 460, 1_000), Instant.now()));

        VerificationPassed passed = probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT)
                .payloadAs(VerificationPassed.class);
        assertThat(passed.tables()).containsExactly(schema + ".users", schema + ".posts", schema + ".comments");
        assertThat(passed.spec().dryRun()).isTrue();
        given().when().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", equalTo(true))
                .body("tables.matched", contains(40, 120, 300))
                // unqualified names of a dry run's smoke checks mean its throwaway schema
                .body("smokeChecks.name", contains("in-dry-run-schema", "no-smoke-trap"))
                .body("smokeChecks.passed", contains(true, true));
    }

    @Test
    void theRunsMappingFileDecidesWhatIsComparedAndThePageShowsThePassedReport() throws Exception {
        prepareTarget("mapped");
        Path mapping = workDir.resolve("mapping.yaml");
        Files.copy(EXAMPLE.resolve("mapping.yaml"), mapping, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String id = probe.publish(dataMigrated("test", blogLoads("mapped."), snapshotDir.toString(),
                SnapshotStorage.PLAIN, mapping.toString())).migrationId();

        probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);
        given().when().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", equalTo(true))
                .body("tables[1].columns.column", contains("id", "user_id", "title", "body", "tags", "published_at",
                        "views"));
        String page = given().when().get("/verifications/{id}.html", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("Verification passed", "mapped.comments", "primary key").doesNotContain("id=\"failures\"");
        // A way back to the run's live page, and times for people.
        assertThat(page).contains("<a id=\"status-page\" href=\"http://127.0.0.1:8084/status/" + id + "\">")
                .containsPattern("<time datetime=\"[^\"]+\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC</time>");
        given().when().get("/verifications/{id}.html", "Not_A_Run").then().statusCode(400);
    }

    @Test
    void aChildTableIsComparedElementByElement() throws Exception {
        prepareTarget("children");
        Path mappingFile = BlogTarget.withTagsChildTable(targets.resolve("test"), "children", workDir);
        corrupt("UPDATE children.post_tags SET tag = 'edited' WHERE post_id = 2 AND position = 0");
        List<TableLoad> loads = new java.util.ArrayList<>(blogLoads("children."));
        loads.add(2, new TableLoad("posts", "children.post_tags", BLOG_TAGS));
        String id = probe.publish(dataMigrated("test", loads, snapshotDir.toString(), SnapshotStorage.PLAIN,
                mappingFile.toString())).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.summary()).isEqualTo("2 problem(s): 1 row(s) of children.post_tags differ from the "
                + "snapshot: (post_id=2, position=0) (tag); column tag of children.post_tags: total text length "
                + "2124 expected, 2123 found");
        JsonPath report = given().when().get("/verifications/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("tables.table")).containsExactly("children.users", "children.posts",
                "children.post_tags", "children.comments");
        assertThat(report.getInt("tables[2].records")).isEqualTo(BLOG_TAGS);
        assertThat(report.getString("tables[2].differences[0].fields[0].field")).isEqualTo("tags[0]");
        assertThat(report.getString("tables[2].differences[0].fields[0].actual")).isEqualTo("edited");
    }

    private record Failure(String id, VerificationFailed event, JsonPath report) {
    }

    /** The blog target in its own schema, changed by the statements; the verification must fail and say where. */
    private Failure verifyCorrupted(String schema, String... corruption) throws Exception {
        prepareTarget(schema);
        corrupt(corruption);
        String id = probe.publish(dataMigrated("test", blogLoads(schema + "."))).migrationId();
        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                .trigger()).isEqualTo(RollbackTrigger.DATA_INTEGRITY);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.CUTOVER_READY);
        JsonPath report = given().when().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", equalTo(false)).extract().jsonPath();
        return new Failure(id, failed, report);
    }

    /** A field of the record at that position of the blog's db.json, as text. */
    private static String blogField(String collection, int position, String field) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(EXAMPLE.resolve("data/db.json").toFile())
                .get(collection).get(position).get(field).asText();
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

    private static Map<String, Long> blogOffsets() {
        Map<String, Long> offsets = new LinkedHashMap<>();
        try (com.fasterxml.jackson.core.JsonParser parser = new com.fasterxml.jackson.core.JsonFactory()
                .createParser(EXAMPLE.resolve("data/db.json").toFile())) {
            parser.nextToken();
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String collection = parser.currentName();
                parser.nextToken();
                offsets.put(collection, parser.currentTokenLocation().getByteOffset());
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return offsets;
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
        return dataMigrated(profile, loads, snapshotLocation, storage, null);
    }

    private static EventEnvelope dataMigrated(String profile, List<TableLoad> loads, String snapshotLocation,
                                              SnapshotStorage storage, String mappingFile) {
        return dataMigrated(profile, loads, snapshotLocation, storage, mappingFile, BLOG_RECORDS);
    }

    /**
     * A plain snapshot is announced as backup-service announces it, with where each collection begins, so
     * that the verification reads each collection from there and counts it while it compares it.
     */
    private static EventEnvelope dataMigrated(String profile, List<TableLoad> loads, String snapshotLocation,
                                              SnapshotStorage storage, String mappingFile,
                                              Map<String, Long> announced) {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(sourceDir(), EXAMPLE.resolve("schema").toAbsolutePath().toString(), mappingFile,
                profile, "verification-service-test");
        SnapshotSummary snapshot = new SnapshotSummary(id + "-a1", snapshotLocation, "db-json", 1, 180_000,
                announced, "0".repeat(64), storage, storage.equals(SnapshotStorage.PLAIN) ? BLOG_OFFSETS : null);
        long rows = loads.stream().mapToLong(TableLoad::rows).sum();
        DataMigrated payload = new DataMigrated(spec, snapshot, List.of("V1__create_tables.sql", "V2__indexes.sql"),
                loads, rows, 1_000);
        return EventEnvelope.of(id, 1, "migration-service", "", payload, Instant.now());
    }

    private static String sourceDir() {
        return workDir.resolve("app").toString();
    }

    private void prepareTarget(String schema) throws SQLException, IOException {
        BlogTarget.prepare(targets.resolve("test"), schema);
    }

    private static void load(Connection c, String json, String sql, int rows) throws SQLException {
        BlogTarget.load(c, json, sql, rows);
    }

    /** Changes the target behind the constraints' back, as a broken loader or a later writer could. */
    private void corrupt(String... statements) throws SQLException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            for (String sql : statements) {
                s.execute(sql);
            }
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

    private String jobColumn(String eventId, String column) throws SQLException {
        try (Connection c = ledger.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM verification.phase_job"
                     + " WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
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
