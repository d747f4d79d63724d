package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.migration.catalog.CreatedObject;
import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.migration.schema.PrismaMigrator;
import io.jsonmig.migration.schema.PrismaProject;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotConfig;
import io.jsonmig.testing.AdvisoryGate;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.security.MessageDigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class MigrationServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path EXAMPLE = Path.of("../examples/blog").toAbsolutePath().normalize();
    private static final Path EXAMPLE_SCHEMA = EXAMPLE.resolve("schema");
    private static final Path EXAMPLE_MAPPING = EXAMPLE.resolve("mapping.json");
    private static final Path EXAMPLE_PRISMA = Path.of("../examples/blog-prisma").toAbsolutePath().normalize();
    private static final String PRISMA_INIT = "20240101000000_init";
    private static final String PRISMA_INDEXES = "20240102000000_indexes";
    /** What Prisma Migrate creates in a database it deploys to first. */
    private static final String PRISMA_DDL = """
            CREATE TABLE _prisma_migrations (
                id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
                migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
                started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)""";
    private static final ObjectMapper JSON = TestRuns.JSON;
    private static final String NOTHING_TO_UNDO = "nothing to undo: the run changed nothing in the target";
    /** Where a test's trigger makes each inserted row wait. */
    private static final AdvisoryGate ROW_GATE = new AdvisoryGate(4242);
    /** What every other jsonmig run on a target waits for. */
    private static final AdvisoryGate TARGET_LOCK = new AdvisoryGate(TargetSession.LOCK_KEY);

    @Inject
    SnapshotCodec codec;

    @Inject
    PrismaMigrator prismaMigrator;

    @Inject
    TargetProfiles profiles;

    private static EventProbe probe;
    private static Path workDir;
    private static ObjectNode blog;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-migration-test-").toRealPath();
        blog = (ObjectNode) JSON.readTree(EXAMPLE.resolve("data/db.json").toFile());
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void loadsTheSnapshotIntoTheTargetWithEveryValueTyped() throws Exception {
        EventEnvelope event = backupCompleted("test", snapshot("happy", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(new TableLoad("users", "public.users", 40),
                new TableLoad("posts", "public.posts", 120), new TableLoad("comments", "public.comments", 300));
        assertThat(migrated.totalRows()).isEqualTo(460);
        assertThat(migrated.appliedMigrations()).containsExactly("V1__create_tables.sql", "V2__indexes.sql");
        assertThat(probe.eventsOf(event.migrationId())).filteredOn(e -> e.payload() instanceof Progress p
                        && p.done() == p.total()).extracting(e -> ((Progress) e.payload()).item())
                .containsExactly("public.users", "public.posts", "public.comments");
        // Every 100 records (the test's progress-every): how far, how fast, how long left, how many bytes read.
        assertThat(probe.eventsOf(event.migrationId())).filteredOn(e -> e.payload() instanceof Progress p
                        && p.item().equals("public.comments") && p.done() < p.total())
                .extracting(e -> (Progress) e.payload())
                .extracting(Progress::done).containsExactly(100L, 200L);
        assertThat(probe.eventsOf(event.migrationId())).filteredOn(e -> e.payload() instanceof Progress p
                        && p.item().equals("public.comments") && p.done() < p.total())
                .extracting(e -> (Progress) e.payload())
                .allSatisfy(p -> {
                    assertThat(p.rate()).isPositive();
                    assertThat(p.etaSeconds()).isNotNull().isNotNegative();
                    assertThat(p.bytes()).isPositive();
                });
        try (Connection target = target("test")) {
            assertThat(count(target, "users")).isEqualTo(40);
            assertThat(count(target, "posts")).isEqualTo(120);
            assertThat(count(target, "comments")).isEqualTo(300);
            assertUsersMatchTheJson(target);
            assertPostsMatchTheJson(target);
            assertCommentsMatchTheJson(target);
        }
    }

    @Test
    void aCompressedEncryptedSnapshotLoadsExactlyLikeAPlainOne() throws Exception {
        SnapshotStorage storage = new SnapshotStorage(SnapshotStorage.GZIP, SnapshotStorage.AES_256_GCM,
                codec.storageForNewSnapshots().keyFingerprint());
        Path snapshot = encodedSnapshot("encrypted", blog, codec, storage);
        EventEnvelope event = backupCompleted("encrypted", snapshot, EXAMPLE_SCHEMA, EXAMPLE_MAPPING, blog, storage);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(Files.readString(snapshot.resolve("files/db.json"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the stored copy is not readable as JSON").doesNotContain("\"users\"");
        assertThat(migrated.tables()).containsExactly(new TableLoad("users", "public.users", 40),
                new TableLoad("posts", "public.posts", 120), new TableLoad("comments", "public.comments", 300));
        try (Connection target = target("encrypted")) {
            assertUsersMatchTheJson(target);
            assertPostsMatchTheJson(target);
            assertCommentsMatchTheJson(target);
        }
    }

    @Test
    void aSnapshotEncryptedWithAnotherKeyFailsThePreflightNamingTheFileAndBothKeys() throws Exception {
        SnapshotCodec otherKey = new SnapshotCodec(new OtherKey());
        SnapshotStorage storage = otherKey.storageForNewSnapshots();
        Path snapshot = encodedSnapshot("other-key", blog, otherKey, storage);
        EventEnvelope event = backupCompleted("test", snapshot, EXAMPLE_SCHEMA, EXAMPLE_MAPPING, blog, storage);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        // the "test" target may hold rows of other scenarios: that is another problem of the same preflight
        assertThat(failed.problems()).contains(snapshot.resolve("files/db.json") + ": encrypted with the key of "
                + "fingerprint " + storage.keyFingerprint() + ", but the configured key (JSONMIG_SNAPSHOT_KEY) has "
                + "fingerprint " + codec.storageForNewSnapshots().keyFingerprint()
                + ": configure the key backup-service used");
        RollbackRequested rollback = probe.await(event.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(probe.eventsOf(event.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED);
    }

    /** A reader configured with a key other than the service's. */
    private record OtherKey(String compression, Optional<String> encryptionKey) implements SnapshotConfig {
        OtherKey() {
            this("none", Optional.of("0ngaBFWkOfTpz3r7wXrMWRQpOec2LhJqW/6XujJgOLk="));
        }
    }

    @Test
    void withoutAMappingFileFieldsMapToColumnsByName() throws Exception {
        EventEnvelope event = backupCompleted("inferred", snapshot("inferred", blog), EXAMPLE_SCHEMA, null);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).extracting(TableLoad::table, TableLoad::rows).containsExactly(
                tuple("public.users", 40L), tuple("public.posts", 120L), tuple("public.comments", 300L));
        try (Connection target = target("inferred")) {
            assertUsersMatchTheJson(target);
            assertPostsMatchTheJson(target);
        }
    }

    @Test
    void aRedeliveredBackupCompletedLoadsOnce() throws Exception {
        EventEnvelope event = backupCompleted("dup", snapshot("dup", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        probe.publish(event);
        probe.publish(event);
        // One partition, consumed in order: once a later event of the topic is handled, both deliveries were
        // recorded, and the second found the first's job (one job per event id, never a second).
        String later = probe.publish(backupCompleted("nosuch", snapshot("after-dup", blog), EXAMPLE_SCHEMA,
                EXAMPLE_MAPPING)).migrationId();
        probe.await(later, EventType.PHASE_FAILED, TIMEOUT);
        probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT);
        // The worker marks its job done just after the job has published its event.
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(QuarkusTransaction.requiringNew().call(() -> PhaseJob.forMigration(event.migrationId())))
                        .singleElement().satisfies(job -> {
                            assertThat(job.status).isEqualTo(PhaseJob.Status.DONE);
                            assertThat(job.starts).isEqualTo(1);
                        }));

        assertThat(probe.eventsOf(event.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.DATA_MIGRATED).doesNotContain(EventType.PHASE_FAILED);
        try (Connection target = target("dup")) {
            assertThat(count(target, "users")).isEqualTo(40);
            assertThat(count(target, "comments")).isEqualTo(300);
        }
    }

    @Test
    void aFailingSchemaMigrationIsNamedAndItsHalfAppliedSchemaRemovedLeavingOtherDataAlone() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("broken-schema"));
        Files.copy(EXAMPLE_SCHEMA.resolve("V1__create_tables.sql"), schema.resolve("V1__create_tables.sql"));
        Files.writeString(schema.resolve("V2__broken.sql"), "CREATE SEQUENCE broken_seq;\nCREATE TABLEX broken (id integer);\n");
        List<String> before;
        try (Connection target = target("broken")) {
            execute(target, "CREATE TABLE legacy_orders (id integer PRIMARY KEY, total numeric)",
                    "INSERT INTO legacy_orders VALUES (1, 9.99), (2, 20), (3, 0.5)",
                    "CREATE SEQUENCE legacy_seq");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("broken", snapshot("broken", blog), schema, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.reason()).contains("V2__broken.sql").contains("syntax error at or near \"TABLEX\"");
        RollbackRequested rollback = probe.await(event.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.MIGRATION);

        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(step.actions()).contains("dropped table public.comments", "dropped table public.posts",
                "dropped table public.users", "dropped table public.flyway_schema_history");
        try (Connection target = target("broken")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "legacy_orders")).isEqualTo(3);
        }
    }

    @Test
    void aRollbackAfterASuccessfulLoadRemovesExactlyWhatTheRunCreated() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("loaded-schema"));
        Files.writeString(schema.resolve("V1__posts_and_comments.sql"), POSTS_AND_COMMENTS);
        Files.writeString(schema.resolve("V2__reporting.sql"), REPORTING);
        List<String> before;
        try (Connection target = target("loaded")) {
            execute(target, USERS,
                    "CREATE TABLE audit_log (id integer PRIMARY KEY, note text)",
                    "INSERT INTO audit_log VALUES (1, 'kept'), (2, 'also kept')",
                    "CREATE VIEW audit_summary AS SELECT count(*) AS entries FROM audit_log",
                    "CREATE FUNCTION legacy_answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'",
                    "CREATE SCHEMA legacy",
                    "CREATE TYPE legacy.status AS ENUM ('new', 'done')");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("loaded", snapshot("loaded", blog), schema, EXAMPLE_MAPPING);
        probe.publish(event);
        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(migrated.totalRows()).isEqualTo(460);

        EventEnvelope abort = probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.posts", "dropped schema reporting",
                "dropped function reporting.post_count(p_user integer)", "dropped index public.users_email_idx",
                "emptied public.users, which existed before the run (the table stays)");
        try (Connection target = target("loaded")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "users")).isZero();
            assertThat(count(target, "audit_log")).isEqualTo(2);
        }

        // As if the service died after publishing the step but before recording its job as done: the
        // compensation runs again, finds nothing left, and repeats the step it published, not a new one.
        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(() -> PhaseJob.update(
                "status = ?1 where eventId = ?2 and status = ?3", PhaseJob.Status.RUNNING, abort.eventId(),
                PhaseJob.Status.DONE) == 1));
        await().atMost(TIMEOUT).until(() -> jobOf(abort.eventId()).starts == 2
                && jobOf(abort.eventId()).status == PhaseJob.Status.DONE);
        await().atMost(TIMEOUT).until(() -> compensationEventsOf(event.migrationId()).size() == 2);
        assertThat(compensationEventsOf(event.migrationId())).extracting(EventEnvelope::eventId).containsOnly(
                compensationEventsOf(event.migrationId()).get(0).eventId());
        assertThat(compensationsOf(event.migrationId())).allSatisfy(again -> assertThat(again).isEqualTo(step));
    }

    @Test
    void anOperatorAbortDuringTheLoadStopsItAtTheNextCheckpointAndLeavesTheTargetAsItWas() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("aborted-schema"));
        // Every row of posts waits for an advisory lock the test holds: the load stops inside posts' first chunk.
        Files.writeString(schema.resolve("V1__tables_whose_posts_wait.sql"), USERS + ";\n" + POSTS_AND_COMMENTS
                + ROW_GATE.rowTriggerSql("posts"));
        List<String> before;
        try (Connection target = target("aborted")) {
            execute(target, "CREATE TABLE audit_log (id integer PRIMARY KEY, note text)",
                    "INSERT INTO audit_log VALUES (1, 'kept'), (2, 'also kept')");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("aborted", snapshot("aborted", blog), schema, EXAMPLE_MAPPING);
        String id = event.migrationId();
        try (Connection gate = target("aborted")) {
            ROW_GATE.close(gate);
            probe.publish(event);
            await().atMost(TIMEOUT).until(() -> ROW_GATE.waitedFor(gate));
            probe.awaitMatching(id, e -> e.payload() instanceof Progress p && p.item().equals("public.users")
                    && p.done() == 40, "users loaded before the load waits in posts", TIMEOUT);

            probe.publish(EventEnvelope.of(id, 1, "cli", "operator", new RollbackRequested(
                    RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.MIGRATION,
                    event.payloadAs(BackupCompleted.class).spec()), Instant.now()));
            await().atMost(TIMEOUT).until(() -> jobOf(event.eventId()).cancelReason != null);
            assertThat(probe.eventsOf(id)).as("the compensation waits for the load to stop")
                    .noneMatch(e -> e.type() == EventType.ROLLBACK_STEP_COMPLETED);
            ROW_GATE.open(gate);
        }

        RollbackStepCompleted step = compensation(id);
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.posts", "dropped table public.users");
        PhaseJob load = jobOf(event.eventId());
        assertThat(load.status).isEqualTo(PhaseJob.Status.CANCELLED);
        assertThat(load.detail).contains("rollback requested");
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED, EventType.PHASE_FAILED)
                .containsOnlyOnce(EventType.ROLLBACK_STEP_COMPLETED);
        try (Connection target = target("aborted")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "audit_log")).isEqualTo(2);
        }
    }

    @Test
    void aLoadWhoseTargetConnectionIsTerminatedGoesOnFromItsCheckpointInsteadOfFailing() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("reconnected-schema"));
        Files.writeString(schema.resolve("V1__tables_whose_posts_wait.sql"), USERS + ";\n" + POSTS_AND_COMMENTS
                + ROW_GATE.rowTriggerSql("posts"));
        EventEnvelope event = backupCompleted("reconnected", snapshot("reconnected", blog), schema, EXAMPLE_MAPPING);
        String id = event.migrationId();
        try (Connection gate = target("reconnected")) {
            ROW_GATE.close(gate);
            probe.publish(event);
            await().atMost(TIMEOUT).until(() -> ROW_GATE.waitedFor(gate));
            // What an operator's pg_terminate_backend or a database failover does to the load's connection.
            execute(gate, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    + "AND objid::bigint = 4242 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            await().atMost(TIMEOUT).until(() -> jobOf(event.eventId()).starts == 2 && ROW_GATE.waitedFor(gate));
            ROW_GATE.open(gate);
        }

        DataMigrated migrated = probe.await(id, EventType.DATA_MIGRATED, TIMEOUT).payloadAs(DataMigrated.class);
        assertThat(migrated.tables()).extracting(TableLoad::table, TableLoad::rows).containsExactly(
                tuple("public.users", 40L), tuple("public.posts", 120L), tuple("public.comments", 300L));
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.PHASE_FAILED);
        assertThat(jobOf(event.eventId()).detail).isNull();
        try (Connection target = target("reconnected")) {
            assertThat(count(target, "users")).isEqualTo(40);
            assertThat(count(target, "posts")).isEqualTo(120);
            assertThat(count(target, "comments")).isEqualTo(300);
        }
    }

    @Test
    void aRollbackForARunThatNeverMigratedHasNothingToUndoAndTheRunCannotStartAfterwards() throws Exception {
        EventEnvelope late = backupCompleted("neverran", snapshot("neverran", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        RunSpec spec = late.payloadAs(BackupCompleted.class).spec();
        probe.publish(EventEnvelope.of(late.migrationId(), 1, "backup-service", Phase.BACKUP.name(),
                new RollbackRequested(RollbackTrigger.PHASE_FAILED, "backup failed", Phase.BACKUP, spec), Instant.now()));

        RollbackStepCompleted step = compensation(late.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).containsExactly(NOTHING_TO_UNDO);

        probe.publish(late);
        String later = probe.publish(backupCompleted("nosuch", snapshot("after-neverran", blog), EXAMPLE_SCHEMA,
                EXAMPLE_MAPPING)).migrationId();
        probe.await(later, EventType.PHASE_FAILED, TIMEOUT);
        assertThat(probe.eventsOf(late.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED, EventType.PHASE_FAILED);
        try (Connection target = target("neverran")) {
            assertThat(catalog(target)).noneMatch(o -> o.startsWith("relation public."));
            execute(target, "CREATE TABLE made_by_someone_else (id integer)");
        }

        // A second rollback of the run must not mistake what others created since for the run's objects.
        EventEnvelope abort = probe.publish(EventEnvelope.of(late.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.MIGRATION, spec),
                Instant.now()));
        await().atMost(TIMEOUT).until(() -> compensationsOf(late.migrationId()).size() == 2);
        assertThat(compensationsOf(late.migrationId())).allSatisfy(s -> assertThat(s.actions())
                .containsExactly(NOTHING_TO_UNDO));
        // Each request gets a step event of its own: one with the first's id would be dropped as its duplicate.
        assertThat(compensationEventsOf(late.migrationId())).extracting(EventEnvelope::eventId)
                .doesNotHaveDuplicates()
                .contains(EventEnvelope.deterministicId(late.migrationId(), EventType.ROLLBACK_STEP_COMPLETED, 1,
                        RollbackStepCompleted.TARGET_COMPENSATOR + "|" + abort.eventId()));
        try (Connection target = target("neverran")) {
            assertThat(catalog(target)).contains("relation public.made_by_someone_else (r)");
        }
    }

    @Test
    void aNonEmptyTargetTableFailsThePreflightAndNothingChanges() throws Exception {
        try (Connection target = target("nonempty")) {
            execute(target, "CREATE TABLE users (id integer)", "INSERT INTO users SELECT generate_series(1, 12)");
        }
        EventEnvelope event = backupCompleted("nonempty", snapshot("nonempty", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason())
                .isEqualTo("target table public.users already holds 12 rows; jsonmig loads only into empty tables");
        assertThat(compensation(event.migrationId()).actions()).containsExactly(NOTHING_TO_UNDO);
        try (Connection target = target("nonempty")) {
            assertThat(count(target, "users")).isEqualTo(12);
            assertThat(catalog(target)).noneMatch(o -> o.contains("flyway_schema_history") || o.contains("posts"));
        }
    }

    @Test
    void aSnapshotThatHoldsOtherRecordsThanTheBackupAnnouncedFailsTheLoadOfThatCollection() throws Exception {
        EventEnvelope announced = backupCompleted("recount", snapshot("recount", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        BackupCompleted backup = announced.payloadAs(BackupCompleted.class);
        SnapshotSummary snapshot = backup.snapshot();
        Map<String, Long> records = new LinkedHashMap<>(snapshot.recordsPerCollection());
        records.put("posts", 121L);
        EventEnvelope event = EventEnvelope.of(announced.migrationId(), 1, "backup-service", "",
                new BackupCompleted(backup.spec(), new SnapshotSummary(snapshot.snapshotId(), snapshot.location(),
                        snapshot.layout(), snapshot.files(), snapshot.bytes(), records, snapshot.manifestSha256(),
                        snapshot.storage(), snapshot.collectionOffsets())), Instant.now());
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(snapshot.collectionOffsets()).containsOnlyKeys("users", "posts", "comments");
        assertThat(failed.reason()).contains("snapshot collection 'posts' holds 120 records, but backup.completed "
                + "announced 121");
        assertThat(compensation(event.migrationId()).succeeded()).isTrue();
        try (Connection target = target("recount")) {
            assertThat(catalog(target)).noneMatch(o -> o.startsWith("relation public."));
        }
    }

    @Test
    void aFieldWithoutAColumnFailsNamingCollectionPositionAndField() throws Exception {
        ObjectNode data = blog.deepCopy();
        ((ObjectNode) data.withArray("users").get(7)).put("nickname", "Nick");
        EventEnvelope event = backupCompleted("unmapped", snapshot("unmapped", data), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.problems().get(0))
                .startsWith("collection 'users' record 7: field 'nickname' maps to no column")
                .contains(EXAMPLE_MAPPING.toString());
        assertThat(failed.reason()).as("the posts of user 8 and their comments are then orphans, counted too")
                .contains("Per collection: 'users' 1, 'posts' ").contains(", 'comments' ");
        assertThat(compensation(event.migrationId()).succeeded()).isTrue();
        try (Connection target = target("unmapped")) {
            assertThat(catalog(target)).noneMatch(o -> o.startsWith("relation public."));
        }
    }

    @Test
    void anUnreachableTargetFailsNamingItsProfileAndUrlButNeverItsPassword() throws Exception {
        EventEnvelope event = backupCompleted("offline", snapshot("offline", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).startsWith("cannot reach target profile 'offline' at jdbc:postgresql://127.0.0.1:1/")
                .doesNotContain("offline-secret-4711");
        assertThat(failed.problems()).hasSize(1);
    }

    @Test
    void aRollbackThatCannotReachTheTargetStillReportsAndSaysWhy() {
        String id = MigrationIds.newId(Clock.systemUTC());
        // The ledger as a run leaves it when its target goes away after the schema step.
        QuarkusTransaction.requiringNew().run(() -> {
            TargetCapture capture = new TargetCapture();
            capture.migrationId = id;
            capture.targetProfile = "offline";
            capture.defaultSchema = "public";
            capture.capturedAt = Instant.now();
            capture.schemaDiffAt = Instant.now();
            capture.persist();
            CreatedObject users = new CreatedObject();
            users.migrationId = id;
            users.creationOrder = 1;
            users.kind = ObjectKind.TABLE;
            users.schemaName = "public";
            users.name = "users";
            users.identity = "";
            users.objectOid = 16400;
            users.detectedAt = Instant.now();
            users.persist();
        });
        RunSpec spec = new RunSpec(workDir.toString(), EXAMPLE_SCHEMA.toString(), null, "offline", "test");
        probe.publish(EventEnvelope.of(id, 1, "verification-service", Phase.VERIFICATION.name(),
                new RollbackRequested(RollbackTrigger.DATA_INTEGRITY, "counts differ", Phase.VERIFICATION, spec),
                Instant.now()));

        RollbackStepCompleted step = compensation(id);
        assertThat(step.succeeded()).isFalse();
        assertThat(step.actions()).singleElement().asString()
                .startsWith("cannot undo the run: cannot reach target profile 'offline' at jdbc:postgresql://127.0.0.1:1/")
                .doesNotContain("offline-secret-4711");
    }

    @Test
    void thePreflightReportsEveryProblemAtOnce() throws Exception {
        Path mapping = Files.writeString(workDir.resolve("bad-mapping.json"),
                "{\"collections\": {\"users\": {\"table\": \"users\", \"columns\": {\"id\": 1}}}}");
        Path missingSnapshot = workDir.resolve("no-such-snapshot");
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(workDir.toString(), "/etc", mapping.toString(), "nosuch", "migration-service-test");
        probe.publish(EventEnvelope.of(id, 1, "backup-service", "", new BackupCompleted(spec,
                new SnapshotSummary(id + "-a1", missingSnapshot.toString(), "db-json", 1, 1, Map.of(), "0".repeat(64))),
                Instant.now()));

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).startsWith("target preflight found 4 problems");
        assertThat(failed.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("target profile 'nosuch' is not configured")
                        .contains("JSONMIG_TARGET_NOSUCH_URL"))
                .anySatisfy(p -> assertThat(p).contains("schema directory /etc lies outside the allowed roots"))
                .anySatisfy(p -> assertThat(p).contains("mapping file " + mapping)
                        .contains("'collections.users.columns[\"id\"]' must be a column name"))
                .anySatisfy(p -> assertThat(p).contains("snapshot directory " + missingSnapshot + " does not exist"));
    }

    @Test
    void aMixedCaseTableIsPublishedUnderTheNameThatFindsItAgain() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("mixedcase-schema"));
        Files.writeString(schema.resolve("V1__blog_posts.sql"),
                "CREATE TABLE \"BlogPosts\" (id integer PRIMARY KEY, title text NOT NULL);\n");
        try (Connection target = target("mixedcase")) {
            // The table an unquoted public.BlogPosts would find instead.
            execute(target, "CREATE TABLE blogposts (id integer)");
        }
        ObjectNode data = JSON.createObjectNode();
        data.putArray("BlogPosts").add(JSON.createObjectNode().put("id", 1).put("title", "Hello"))
                .add(JSON.createObjectNode().put("id", 2).put("title", "World"));
        EventEnvelope event = backupCompleted("mixedcase", snapshot("mixedcase", data), schema, null, data);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(new TableLoad("BlogPosts", "public.\"BlogPosts\"", 2));
        try (Connection target = target("mixedcase");
             PreparedStatement s = target.prepareStatement(
                     "SELECT c.relname FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            s.setString(1, migrated.tables().get(0).table());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("to_regclass finds the published table").isTrue();
                assertThat(rs.getString(1)).isEqualTo("BlogPosts");
            }
            assertThat(count(target, "\"BlogPosts\"")).isEqualTo(2);
            assertThat(count(target, "blogposts")).isZero();
        }
        // Progress steps name the phase and the table, so they never collide with another phase's.
        assertThat(probe.eventsOf(event.migrationId())).filteredOn(e -> e.type() == EventType.PROGRESS)
                .extracting(EventEnvelope::eventId)
                .contains(EventEnvelope.deterministicId(event.migrationId(), EventType.PROGRESS, 1,
                        "migration/progress/public.\"BlogPosts\""));
    }

    @Test
    void aRollbackEmptiesPreExistingTablesThatAnotherTableReferences() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("referenced-schema"));
        Files.writeString(schema.resolve("V1__posts_index.sql"), "CREATE INDEX posts_published_idx ON posts (published_at);\n");
        List<String> before;
        try (Connection target = target("referenced")) {
            // users, posts and comments refer to each other, and user_badges (not loaded) refers to users:
            // TRUNCATE users would be refused even though no badge exists.
            execute(target, USERS, POSTS_AND_COMMENTS,
                    "CREATE TABLE user_badges (user_id integer NOT NULL REFERENCES users (id), badge text NOT NULL)");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("referenced", snapshot("referenced", blog), schema, EXAMPLE_MAPPING);
        probe.publish(event);
        assertThat(probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT).payloadAs(DataMigrated.class)
                .totalRows()).isEqualTo(460);

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).as(String.join("; ", step.actions())).isTrue();
        assertThat(step.actions()).contains("dropped index public.posts_published_idx")
                .containsSubsequence("emptied public.comments, which existed before the run (the table stays)",
                        "emptied public.posts, which existed before the run (the table stays)",
                        "emptied public.users, which existed before the run (the table stays)");
        try (Connection target = target("referenced")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "users")).isZero();
            assertThat(count(target, "posts")).isZero();
            assertThat(count(target, "comments")).isZero();
        }
    }

    @Test
    void aRunWaitsWhileAnyOtherJsonmigRunHoldsItsTarget() throws Exception {
        EventEnvelope event = backupCompleted("locked", snapshot("locked", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        try (Connection other = target("locked")) {
            // What any other run's migration or compensation on this database holds, whatever its migration id.
            TARGET_LOCK.close(other);
            probe.publish(event);

            await().atMost(TIMEOUT).until(() -> TARGET_LOCK.waitedFor(other));
            assertThat(QuarkusTransaction.requiringNew().call(() -> TargetCapture.of(event.migrationId())))
                    .as("nothing captured or changed before the lock is granted").isEmpty();
            assertThat(probe.eventsOf(event.migrationId())).extracting(EventEnvelope::type)
                    .doesNotContain(EventType.DATA_MIGRATED, EventType.PHASE_FAILED);

            TARGET_LOCK.open(other);
        }
        assertThat(probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT).payloadAs(DataMigrated.class)
                .totalRows()).isEqualTo(460);
    }

    @Test
    void aFailureBeforeAnyWorkStillEndsInItsEventsAndExactlyOneFailedRollbackStep() throws Exception {
        EventEnvelope event = backupCompleted("offline", snapshot("refused", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        String id = event.migrationId();
        // The ledger refuses to record this run's phases: the first thing either handler does.
        try (AutoCloseable refusal = ledgerRefusesPhaseRuns("INSERT", "NEW.migration_id = '" + id + "'")) {
            probe.publish(event);

            PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
            assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
            assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                    .failedPhase()).isEqualTo(Phase.MIGRATION);
            RollbackStepCompleted step = compensation(id);
            assertThat(step.succeeded()).isFalse();
            assertThat(step.actions()).singleElement().asString().startsWith("compensation failed: ")
                    .contains("the ledger refuses phase runs of " + id);

            // Rollback requests are handled in order: once a later one is answered, this one was answered once.
            String later = MigrationIds.newId(Clock.systemUTC());
            probe.publish(EventEnvelope.of(later, 1, "cli", "operator", new RollbackRequested(
                    RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.MIGRATION, null), Instant.now()));
            compensation(later);
            assertThat(compensationsOf(id)).hasSize(1);
            // One failure: a job that runs again publishes it again under the same id, which consumers drop.
            assertThat(probe.eventsOf(id).stream().filter(e -> e.type() == EventType.PHASE_FAILED)
                    .map(EventEnvelope::eventId).distinct()).hasSize(1);
            assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.DATA_MIGRATED);
        }
    }

    @Test
    void aPhaseThatCannotBeRecordedAsSucceededFailsWithoutAnnouncingItsData() throws Exception {
        List<String> before;
        try (Connection target = target("unrecorded")) {
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("unrecorded", snapshot("unrecorded", blog), EXAMPLE_SCHEMA, EXAMPLE_MAPPING);
        String id = event.migrationId();
        try (AutoCloseable refusal = ledgerRefusesPhaseRuns("UPDATE", "NEW.migration_id = '" + id
                + "' AND NEW.phase = 'MIGRATION' AND NEW.status = 'SUCCEEDED'")) {
            probe.publish(event);

            PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
            assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
            RollbackStepCompleted step = compensation(id);
            assertThat(step.succeeded()).isTrue();
            assertThat(step.actions()).contains("dropped table public.users");
        }
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.DATA_MIGRATED);
        try (Connection target = target("unrecorded")) {
            assertThat(catalog(target)).isEqualTo(before);
        }
    }

    @Test
    void healthCoversKafkaAndTheLedgerDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void aPrismaProjectIsAppliedRecordedAsPrismaDoesLoadedAndRolledBackToNothing() throws Exception {
        List<String> before;
        try (Connection target = target("prisma")) {
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("prisma", snapshot("prisma", blog), EXAMPLE_PRISMA, EXAMPLE_MAPPING);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.appliedMigrations()).containsExactly(PRISMA_INIT, PRISMA_INDEXES);
        assertThat(migrated.totalRows()).isEqualTo(460);
        try (Connection target = target("prisma")) {
            assertThat(prismaHistory(target)).containsExactly(
                    PRISMA_INIT + " " + prismaChecksum(PRISMA_INIT) + " finished steps=1 logs=null rolled_back=false",
                    PRISMA_INDEXES + " " + prismaChecksum(PRISMA_INDEXES) + " finished steps=1 logs=null rolled_back=false");
            assertThat(columns(target, "_prisma_migrations")).containsExactly(
                    "id character varying(36) NOT NULL", "checksum character varying(64) NOT NULL",
                    "finished_at timestamp with time zone", "migration_name character varying(255) NOT NULL",
                    "logs text", "rolled_back_at timestamp with time zone",
                    "started_at timestamp with time zone NOT NULL", "applied_steps_count integer NOT NULL");
            assertThat(prismaIds(target)).allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
            assertThat(catalog(target)).contains("relation public.comments_post_id_idx (i)")
                    .doesNotContain("relation public.flyway_schema_history (r)");
            assertUsersMatchTheJson(target);
            assertPostsMatchTheJson(target);
            assertCommentsMatchTheJson(target);
        }

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public._prisma_migrations", "dropped table public.users");
        try (Connection target = target("prisma")) {
            assertThat(catalog(target)).isEqualTo(before);
        }
    }

    @Test
    void aPrismaFolderTheTargetAppliedBeforeIsSkippedAndOnlyTheRunsRowIsRolledBack() throws Exception {
        String earlierId = UUID.randomUUID().toString();
        List<String> before;
        List<String> historyBefore;
        try (Connection target = target("prismarerun")) {
            execute(target, PRISMA_DDL, Files.readString(prismaScript(PRISMA_INIT)));
            try (PreparedStatement s = target.prepareStatement("INSERT INTO _prisma_migrations (id, checksum, "
                    + "finished_at, migration_name, applied_steps_count) VALUES (?, ?, now(), ?, 1)")) {
                s.setString(1, earlierId);
                s.setString(2, prismaChecksum(PRISMA_INIT));
                s.setString(3, PRISMA_INIT);
                s.executeUpdate();
            }
            before = catalog(target);
            historyBefore = prismaHistory(target);
        }
        EventEnvelope event = backupCompleted("prismarerun", snapshot("prismarerun", blog),
                EXAMPLE_PRISMA.resolve("prisma/migrations"), EXAMPLE_MAPPING);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.appliedMigrations()).containsExactly(PRISMA_INDEXES);
        assertThat(migrated.totalRows()).isEqualTo(460);
        try (Connection target = target("prismarerun")) {
            assertThat(prismaIds(target)).hasSize(2).startsWith(earlierId);
            assertThat(prismaHistory(target)).containsExactly(historyBefore.get(0),
                    PRISMA_INDEXES + " " + prismaChecksum(PRISMA_INDEXES) + " finished steps=1 logs=null rolled_back=false");
        }

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped index public.posts_user_id_idx",
                "removed the run's 1 row(s) (" + PRISMA_INDEXES + ") from public._prisma_migrations, which existed "
                        + "before the run");
        try (Connection target = target("prismarerun")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(prismaHistory(target)).isEqualTo(historyBefore);
            assertThat(count(target, "users")).isZero();
        }
    }

    @Test
    void aFailingPrismaFolderIsNamedWithItsLineAndTheRollbackLeavesTheTargetAsBefore() throws Exception {
        Path project = brokenPrismaProject("prisma-broken");
        List<String> before;
        try (Connection target = target("prismafailed")) {
            execute(target, "CREATE TABLE legacy_orders (id integer PRIMARY KEY, total numeric)",
                    "INSERT INTO legacy_orders VALUES (1, 9.99), (2, 20), (3, 0.5)");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("prismafailed", snapshot("prismafailed", blog), project, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.reason()).contains("Prisma migration 20240102000000_broken (").contains(" at line 5: ")
                .contains("type \"nosuchtype\" does not exist");
        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public._prisma_migrations", "dropped table public.comments");
        try (Connection target = target("prismafailed")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "legacy_orders")).isEqualTo(3);
        }
    }

    /** The failed row as Prisma leaves it; observed without the rollback, which would remove it. */
    @Test
    void aFailingPrismaFolderStaysRecordedAsFailedAndBlocksTheNextRun() throws Exception {
        PrismaProject project = PrismaProject.read(brokenPrismaProject("prisma-direct").resolve("prisma/migrations"));
        try (TargetSession session = TargetSession.open(profiles.resolve("prismadirect"))) {
            assertThatThrownBy(() -> prismaMigrator.apply("prisma-direct", 1, project, session))
                    .isInstanceOf(PhaseFailure.class).hasMessageContaining("20240102000000_broken")
                    .hasMessageContaining("at line 5");
            try (Connection target = target("prismadirect")) {
                assertThat(prismaHistory(target)).hasSize(2);
                assertThat(prismaHistory(target).get(0)).endsWith("finished steps=1 logs=null rolled_back=false");
                assertThat(prismaHistory(target).get(1)).startsWith("20240102000000_broken ")
                        .contains(" unfinished steps=0 logs=Database error code: 42704")
                        .contains("type \"nosuchtype\" does not exist");
                // the failing script's transaction is gone with it: its first statement too
                assertThat(catalog(target)).doesNotContain("relation public.posts_title_idx (i)");
            }
            assertThatThrownBy(() -> prismaMigrator.apply("prisma-direct", 2, project, session))
                    .isInstanceOf(PhaseFailure.class).hasMessage("Prisma migration 20240102000000_broken failed in "
                            + "the target earlier and is recorded as failed in public._prisma_migrations; resolve it "
                            + "first (prisma migrate resolve)");
        }
    }

    @Test
    void anAppliedPrismaMigrationThatWasEditedIsRefusedAndNothingChanges() throws Exception {
        Path migrations = Files.createDirectories(workDir.resolve("prisma-edited/prisma/migrations"));
        copyTree(EXAMPLE_PRISMA.resolve("prisma/migrations"), migrations);
        Files.writeString(migrations.resolve(PRISMA_INIT).resolve("migration.sql"), "-- edited after deploy\n",
                java.nio.file.StandardOpenOption.APPEND);
        List<String> before;
        try (Connection target = target("prismaedited")) {
            execute(target, PRISMA_DDL, "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, "
                    + "applied_steps_count) VALUES ('" + UUID.randomUUID() + "', '" + prismaChecksum(PRISMA_INIT)
                    + "', now(), '" + PRISMA_INIT + "', 1)");
            before = catalog(target);
        }
        EventEnvelope event = backupCompleted("prismaedited", snapshot("prismaedited", blog), migrations, EXAMPLE_MAPPING);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.problems()).containsExactly("Prisma migration " + PRISMA_INIT + " was changed after it was "
                + "applied to the target: " + migrations.resolve(PRISMA_INIT).resolve("migration.sql") + " has checksum "
                + sha256(migrations.resolve(PRISMA_INIT).resolve("migration.sql")) + ", public._prisma_migrations records "
                + prismaChecksum(PRISMA_INIT));
        assertThat(compensation(event.migrationId()).actions()).containsExactly(NOTHING_TO_UNDO);
        try (Connection target = target("prismaedited")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(prismaIds(target)).hasSize(1);
        }
    }

    /** Strings that must arrive byte-exact through COPY CSV, one record each (ids from 1). */
    private static final List<String> EDGE_TEXTS = List.of(
            "emoji 🙂👍🏽🇫🇷", "日本語のテキストと中文", "שלום עולם — مرحبا بالعالم", "e\u0301 a\u0308 n\u0303",
            "C:\\path\\to\\ \\N \\.", "\"quoted\" and 'single' and \"\"", "a,b,,c,", "line 1\nline 2\n",
            "carriage\r\nreturn\ralone", "x".repeat(50 * 1024) + "ü🙂".repeat(17 * 1024), "", "\\.", "NULL",
            "  blanks kept  ");

    @Test
    void everyEdgeCaseValueArrivesExactlyInItsColumnType() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("values-schema"));
        Files.writeString(schema.resolve("V1__edge_values.sql"), EDGE_VALUES);
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < EDGE_TEXTS.size(); i++) {
            records.addObject().put("id", i + 1).put("label", EDGE_TEXTS.get(i));
        }
        String deep = "{\"level\":".repeat(200) + "\"bottom\"" + "}".repeat(200);
        ((ObjectNode) records.get(0)).setAll((ObjectNode) json("""
                {"short_code": "日本語テキスト", "fixed": "abc", "small": "32767", "big": 9223372036854775807,
                 "amount": "0.1", "price": 12345678.1234, "ratio": "0.1", "flag": "1",
                 "at_tz": "2024-03-01T10:00:00+01:00", "at_local": "2024-03-01T10:00:00", "on_day": "2024-02-29",
                 "ref": "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "raw": {"b": 1, "a": [2, 0.5]},
                 "tags": ["a,b", "say \\"hi\\"", "back\\\\slash", "{x}", "NULL", null, ""],
                 "counts": [1, "2", null, 3.0], "amounts": [0.1, "1e-7", 12345678901234567890.123456789],
                 "flags": [true, "0", 1, null]}"""));
        ((ObjectNode) records.get(0)).set("doc", json(deep));
        ((ObjectNode) records.get(1)).setAll((ObjectNode) json("""
                {"big": "-9223372036854775808", "amount": 1e-7, "flag": true,
                 "at_tz": "2024-03-01T09:00:00.123456Z", "doc": "just a string"}"""));
        ((ObjectNode) records.get(2)).setAll((ObjectNode) json("""
                {"amount": 12345678901234567890.123456789, "flag": "false", "at_tz": 1709283600000,
                 "at_local": 1709283600000}"""));
        ((ObjectNode) records.get(3)).setAll((ObjectNode) json("""
                {"amount": "12345678901234567890.123456789", "flag": 0, "small": null, "tags": []}"""));
        ObjectNode db = JSON.createObjectNode().set("edge_values", records);
        EventEnvelope event = backupCompleted("values", snapshot("values", db), schema, null, db);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(
                new TableLoad("edge_values", "public.edge_values", EDGE_TEXTS.size()));
        try (Connection target = target("values"); Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM edge_values ORDER BY id")) {
            List<String> labels = new ArrayList<>();
            while (rs.next()) {
                labels.add(rs.getString("label"));
                switch (rs.getInt("id")) {
                    case 1 -> {
                        assertThat(rs.getString("short_code")).isEqualTo("日本語テキスト");
                        assertThat(rs.getString("fixed")).isEqualTo("abc");
                        assertThat(rs.getInt("small")).isEqualTo(32767);
                        assertThat(rs.getLong("big")).isEqualTo(Long.MAX_VALUE);
                        assertExactly(rs.getBigDecimal("amount"), "0.1");
                        assertExactly(rs.getBigDecimal("price"), "12345678.1234");
                        assertThat(rs.getDouble("ratio")).isEqualTo(0.1);
                        assertThat(rs.getBoolean("flag")).isTrue();
                        assertThat(rs.getObject("at_tz", OffsetDateTime.class).toInstant())
                                .isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
                        assertThat(rs.getObject("at_local", LocalDateTime.class))
                                .isEqualTo(LocalDateTime.parse("2024-03-01T10:00:00"));
                        assertThat(rs.getObject("on_day", LocalDate.class)).isEqualTo(LocalDate.parse("2024-02-29"));
                        assertThat(rs.getObject("ref", UUID.class))
                                .isEqualTo(UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
                        assertThat(json(rs.getString("doc"))).isEqualTo(json(deep));
                        assertThat(rs.getString("raw")).isEqualTo("{\"b\":1,\"a\":[2,0.5]}");
                        assertThat((Object[]) rs.getArray("tags").getArray()).containsExactly(
                                "a,b", "say \"hi\"", "back\\slash", "{x}", "NULL", null, "");
                        assertThat((Object[]) rs.getArray("counts").getArray()).containsExactly(1, 2, null, 3);
                        Object[] amounts = (Object[]) rs.getArray("amounts").getArray();
                        assertExactly((BigDecimal) amounts[0], "0.1");
                        assertExactly((BigDecimal) amounts[1], "0.0000001");
                        assertExactly((BigDecimal) amounts[2], "12345678901234567890.123456789");
                        assertThat((Object[]) rs.getArray("flags").getArray()).containsExactly(true, false, true, null);
                    }
                    case 2 -> {
                        assertThat(rs.getLong("big")).isEqualTo(Long.MIN_VALUE);
                        assertExactly(rs.getBigDecimal("amount"), "0.0000001");
                        assertThat(rs.getBoolean("flag")).isTrue();
                        assertThat(rs.getObject("at_tz", OffsetDateTime.class).toInstant())
                                .isEqualTo(Instant.parse("2024-03-01T09:00:00.123456Z"));
                        assertThat(rs.getString("doc")).isEqualTo("\"just a string\"");
                    }
                    case 3 -> {
                        assertExactly(rs.getBigDecimal("amount"), "12345678901234567890.123456789");
                        assertThat(rs.getBoolean("flag")).isFalse();
                        assertThat(rs.getObject("at_tz", OffsetDateTime.class).toInstant())
                                .isEqualTo(Instant.ofEpochMilli(1709283600000L));
                        assertThat(rs.getObject("at_local", LocalDateTime.class))
                                .isEqualTo(LocalDateTime.parse("2024-03-01T09:00:00"));
                    }
                    case 4 -> {
                        assertExactly(rs.getBigDecimal("amount"), "12345678901234567890.123456789");
                        assertThat(rs.getObject("flag")).isEqualTo(false);
                        assertThat(rs.getObject("small")).isNull();
                        assertThat((Object[]) rs.getArray("tags").getArray()).isEmpty();
                    }
                    default -> assertThat(rs.getObject("amount")).as("fields a record leaves out are NULL").isNull();
                }
            }
            assertThat(labels).as("every string byte-exact").isEqualTo(EDGE_TEXTS);
        }
    }

    @Test
    void hostileCollectionAndFieldNamesAreDataNeverSql() throws Exception {
        String collection = "user\"; drop table x; --";
        String field = "na\"me; drop table x; --";
        try (Connection target = target("hostile")) {
            execute(target, "CREATE TABLE x (id integer)", "INSERT INTO x VALUES (1), (2)",
                    "CREATE TABLE \"user\"\"; drop table x; --\" (id integer PRIMARY KEY, "
                            + "\"na\"\"me; drop table x; --\" text, \"a,b); drop table x; --\" integer)");
        }
        Path schema = Files.createDirectories(workDir.resolve("hostile-schema"));
        Files.writeString(schema.resolve("V1__unrelated.sql"), "CREATE TABLE unrelated (id integer);\n");
        ArrayNode records = JSON.createArrayNode();
        records.addObject().put("id", 1).put(field, "Robert'); DROP TABLE x;--").put("a,b); drop table x; --", 7);
        records.addObject().put("id", 2).put(field, "\"; DROP TABLE x; --");
        ObjectNode db = JSON.createObjectNode().set(collection, records);
        EventEnvelope event = backupCompleted("hostile", snapshot("hostile", db), schema, null, db);
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(
                new TableLoad(collection, "public.\"user\"\"; drop table x; --\"", 2));
        try (Connection target = target("hostile")) {
            assertThat(count(target, "x")).isEqualTo(2);
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT \"na\"\"me; drop table x; --\", \"a,b); drop table x; --\" "
                            + "FROM \"user\"\"; drop table x; --\" ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Robert'); DROP TABLE x;--");
                assertThat(rs.getInt(2)).isEqualTo(7);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("\"; DROP TABLE x; --");
                assertThat(rs.getObject(2)).isNull();
            }
        }

        // the compensation's DELETE and DROP statements take the same names as quoted identifiers
        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));
        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.unrelated",
                "emptied public.\"user\"\"; drop table x; --\", which existed before the run (the table stays)");
        try (Connection target = target("hostile")) {
            assertThat(count(target, "\"user\"\"; drop table x; --\"")).isZero();
            assertThat(count(target, "x")).isEqualTo(2);
        }
    }

    @Test
    void aNulCharacterFailsThePhaseNamingCollectionPositionAndField() throws Exception {
        PhaseFailed failed = failedLoad("badnul", "{\"id\": 3, \"label\": \"before\\u0000after\"}");

        assertThat(failed.problems()).containsExactly("collection 'edge_values' record 2 (key id=3): field 'label' contains the "
                + "character U+0000, which PostgreSQL cannot store in text; column label");
        assertThat(failed.reason()).startsWith("1 of 3 record(s) rejected, more than the run allows (at most 0 "
                + "reject(s)); every reject is in ").contains("edge_values.rejects.ndjson");
    }

    @Test
    void anIntegerOverflowFailsThePhaseBeforePostgresqlSeesIt() throws Exception {
        PhaseFailed failed = failedLoad("badrange", "{\"id\": 3, \"small\": \"40000\"}");

        assertThat(failed.problems()).containsExactly("collection 'edge_values' record 2 (key id=3): field 'small' holds a "
                + "string "
                + "that is out of range: 16-bit integers go from -32768 to 32767; column small is smallint");
    }

    @Test
    void aBadValueADuplicateIdAndAnOrphanAreQuarantinedWithinTheThresholdAndTheRestLoads() throws Exception {
        EventEnvelope event = rejectsRun("rejects", new RejectThreshold(3L, null));
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(migrated.tables()).containsExactly(new TableLoad("posts", "public.posts", 2, 0),
                new TableLoad("comments", "public.comments", 2, 3));
        assertThat(migrated.totalRows()).isEqualTo(4);
        Path directory = rejectsDirectory().resolve(event.migrationId());
        assertThat(migrated.rejectsLocation()).isEqualTo(directory.toString());
        assertThat(ConfigProvider.getConfig().getValues("jsonmig.paths.storage-roots", String.class))
                .as("the reject root is always allowed: the reverse sync reads the reject files")
                .contains(rejectsDirectory().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        Path file = directory.resolve("comments.rejects.ndjson");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(directory.resolve("posts.rejects.ndjson")).doesNotExist();

        List<JsonNode> lines = Files.readAllLines(file).stream().map(MigrationServiceTest::json).toList();
        assertThat(lines).extracting(l -> l.path("position").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(lines).extracting(l -> l.path("collection").asText()).containsOnly("comments");
        assertThat(lines).extracting(l -> l.path("reason").asText()).containsExactly(REJECT_REASONS);
        assertThat(lines).extracting(l -> l.path("key").path("id").asInt()).containsExactly(2, 1, 3);
        assertThat(lines.get(0).path("record").path("body").asText()).as("the file keeps the record exactly")
                .isEqualTo("nul\u0000inside");
        assertThat(lines.get(2).path("record")).isEqualTo(json("{\"id\": 3, \"post_id\": 99, \"body\": \"orphan\"}"));

        try (Connection target = target("rejects")) {
            assertThat(ids(target, "SELECT id FROM comments ORDER BY id")).containsExactly(1, 4);
            assertThat(ids(target, "SELECT id FROM posts ORDER BY id")).containsExactly(1, 2);
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT migration_id, collection, position, record_key, reason, raw::text FROM _jsonmig_rejects
                    ORDER BY position""")) {
                List<String> reasons = new ArrayList<>();
                List<JsonNode> raws = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo(event.migrationId());
                    assertThat(rs.getString(2)).isEqualTo("comments");
                    assertThat(rs.getLong(3)).isEqualTo(reasons.size() + 1);
                    assertThat(json(rs.getString(4)).path("id").asInt()).isEqualTo(new int[] {2, 1, 3}[reasons.size()]);
                    reasons.add(rs.getString(5));
                    raws.add(json(rs.getString(6)));
                }
                assertThat(reasons).containsExactly(REJECT_REASONS);
                assertThat(raws.get(0).path("body").asText()).as("jsonb cannot hold U+0000: kept as its escape, as text")
                        .isEqualTo("nul\\u0000inside");
                assertThat(raws.get(1)).isEqualTo(json("{\"id\": 1, \"post_id\": 2, \"body\": \"same id\"}"));
            }
        }
    }

    @Test
    void withoutAThresholdAnyRejectFailsThePhaseListingEveryRejectAndTheRollbackLeavesTheTargetAsBefore()
            throws Exception {
        List<String> before;
        try (Connection target = target("rejectsfail")) {
            execute(target, "CREATE TABLE unrelated (id integer PRIMARY KEY)", "INSERT INTO unrelated VALUES (7)");
            before = catalog(target);
        }
        EventEnvelope event = rejectsRun("rejectsfail", null);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        Path file = rejectsDirectory().resolve(event.migrationId()).resolve("comments.rejects.ndjson");
        assertThat(failed.reason()).isEqualTo("3 of 7 record(s) rejected, more than the run allows (at most 0 "
                + "reject(s)); every reject is in " + file + ". Per collection: 'comments' 3. First of each: "
                + "collection 'comments' record 1 (key id=2): " + REJECT_REASONS[0]);
        assertThat(failed.problems()).containsExactly(
                "collection 'comments' record 1 (key id=2): " + REJECT_REASONS[0],
                "collection 'comments' record 2 (key id=1): " + REJECT_REASONS[1],
                "collection 'comments' record 3 (key id=3): " + REJECT_REASONS[2]);
        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public._jsonmig_rejects", "dropped table public.comments");
        assertThat(probe.eventsOf(event.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED);
        try (Connection target = target("rejectsfail")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "unrelated")).isEqualTo(1);
        }
        assertThat(Files.readAllLines(file)).as("the rejects outlive the rollback").hasSize(3);
    }

    @Test
    void withoutAThresholdEveryRejectOfEveryCollectionIsCountedBeforeThePhaseFails() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("rejectsall-schema"));
        Files.writeString(schema.resolve("V1__four_tables.sql"), """
                CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
                CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
                CREATE TABLE tags (id integer PRIMARY KEY, label text NOT NULL);
                CREATE TABLE notes (id integer PRIMARY KEY, stars smallint);
                """);
        ObjectNode db = (ObjectNode) json("""
                {"users": [{"id": 1, "name": "ann"}, {"id": 2, "name": "b\\u0000b"}, {"id": 3, "name": "cy"},
                           {"id": 4, "name": "d\\u0000d"}],
                 "posts": [{"id": 1, "title": "one"}, {"id": 1, "title": "one again"}],
                 "tags": [{"id": 7, "label": "x\\u0000"}, {"id": 8, "label": "fine"}, {"id": 8, "label": "twice"}],
                 "notes": [{"id": 1, "stars": 5}, {"id": 2, "stars": 40000}]}""");
        EventEnvelope event = backupCompleted("rejectsall", snapshot("rejectsall", db), schema, null, db,
                SnapshotStorage.PLAIN, null);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        Path directory = rejectsDirectory().resolve(event.migrationId());
        assertThat(failed.reason()).startsWith("6 of 11 record(s) rejected, more than the run allows (at most 0 "
                        + "reject(s)); every reject is in " + directory + ". Per collection: ")
                .contains("'users' 2", "'posts' 1", "'tags' 2", "'notes' 1")
                .contains("collection 'users' record 1 (key id=2): field 'name' contains the character U+0000",
                        "collection 'posts' record 1 (key id=1): duplicate key (id)",
                        "collection 'tags' record 0 (key id=7): field 'label' contains the character U+0000",
                        "collection 'notes' record 1 (key id=2): field 'stars' holds a number that is out of range");
        assertThat(failed.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("collection 'users' record 3 "
                + "(key id=4): ")).anySatisfy(p -> assertThat(p).startsWith("collection 'tags' record 2 (key id=8): "
                + "duplicate key (id)"));
        assertThat(compensation(event.migrationId()).succeeded()).isTrue();
        for (String collection : List.of("users", "posts", "tags", "notes")) {
            assertThat(directory.resolve(collection + ".rejects.ndjson")).as(collection).isRegularFile();
        }
        try (Connection target = target("rejectsall")) {
            assertThat(catalog(target)).noneMatch(o -> o.startsWith("relation public."));
        }
    }

    @Test
    void aRejectsTableThatExistedBeforeTheRunLosesOnlyTheRunsRowsOnRollback() throws Exception {
        List<String> before;
        try (Connection target = target("rejectsold")) {
            execute(target, """
                    CREATE TABLE _jsonmig_rejects (migration_id text NOT NULL, collection text NOT NULL,
                        position bigint NOT NULL, record_key text, reason text NOT NULL, raw jsonb NOT NULL,
                        PRIMARY KEY (migration_id, collection, position))""",
                    "INSERT INTO _jsonmig_rejects VALUES ('mig-older', 'users', 4, NULL, 'orphan', '{}')");
            before = catalog(target);
        }
        EventEnvelope event = rejectsRun("rejectsold", new RejectThreshold(null, 0.1));
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).startsWith("3 of 7 record(s) rejected, more than the run allows (at most 10.0% of "
                + "the records)");
        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("deleted the run's rows from public._jsonmig_rejects, which existed "
                + "before the run");
        try (Connection target = target("rejectsold")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(ids(target, "SELECT position FROM _jsonmig_rejects WHERE migration_id = 'mig-older'"))
                    .containsExactly(4);
            assertThat(count(target, "_jsonmig_rejects")).isEqualTo(1);
        }
    }

    @Test
    void anAppendRunAddsToATableThatHoldsRowsAndItsRollbackRemovesExactlyTheRunsRows() throws Exception {
        List<String> before;
        try (Connection target = target("append")) {
            execute(target, "CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL)",
                    "INSERT INTO posts VALUES (100, 'kept'), (101, 'kept too')");
            before = catalog(target);
        }
        Path schema = Files.createDirectories(workDir.resolve("append-schema"));
        Files.writeString(schema.resolve("V1__comments.sql"), """
                CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id),
                                       body text NOT NULL);
                """);
        ObjectNode db = (ObjectNode) json("""
                {"posts": [{"id": 1, "title": "one"}, {"id": 100, "title": "the same id as a row already there"},
                           {"id": 2, "title": "two"}],
                 "comments": [{"id": 1, "post_id": 100, "body": "on a post the table held before"},
                              {"id": 2, "post_id": 2, "body": "on a post of the run"}]}""");
        EventEnvelope plain = backupCompleted("append", snapshot("append", db), schema, null, db, SnapshotStorage.PLAIN,
                new RejectThreshold(1L, null));
        BackupCompleted backup = plain.payloadAs(BackupCompleted.class);
        EventEnvelope event = EventEnvelope.of(plain.migrationId(), 1, "backup-service", "",
                new BackupCompleted(backup.spec().withAppend(true), backup.snapshot()), Instant.now());
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(migrated.tables()).containsExactly(new TableLoad("posts", "public.posts", 2, 1, 2),
                new TableLoad("comments", "public.comments", 2, 0, 0));
        try (Connection target = target("append")) {
            assertThat(ids(target, "SELECT id FROM posts ORDER BY id")).containsExactly(1, 2, 100, 101);
            assertThat(ids(target, "SELECT count(*) FROM posts WHERE id = 100 AND title = 'kept'")).containsExactly(1);
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT reason FROM _jsonmig_rejects WHERE migration_id = '" + event.migrationId() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("duplicate key (id) of primary key posts_pkey: a row already in "
                        + "public.posts has the same (an earlier record's, or one the table held before the run)");
            }
        }

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        backup.spec().withAppend(true)), Instant.now()));
        RollbackStepCompleted step = compensation(event.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.comments",
                "deleted the 2 row(s) the run added to public.posts, which held 2 row(s) before it (those stay)",
                "dropped table public._jsonmig_loaded_keys");
        try (Connection target = target("append")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(ids(target, "SELECT id FROM posts ORDER BY id")).containsExactly(100, 101);
            assertThat(ids(target, "SELECT count(*) FROM posts WHERE title LIKE 'kept%'")).containsExactly(2);
        }
    }

    @Test
    void anAppendRunRefusesATableThatHoldsRowsButHasNoPrimaryKey() throws Exception {
        try (Connection target = target("appendnopk")) {
            execute(target, "CREATE TABLE posts (id integer, title text)", "INSERT INTO posts VALUES (100, 'kept')");
        }
        Path schema = Files.createDirectories(workDir.resolve("appendnopk-schema"));
        Files.writeString(schema.resolve("V1__notes.sql"), "CREATE TABLE notes (id integer PRIMARY KEY);");
        ObjectNode db = (ObjectNode) json("""
                {"posts": [{"id": 1, "title": "one"}]}""");
        EventEnvelope plain = backupCompleted("appendnopk", snapshot("appendnopk", db), schema, null, db);
        BackupCompleted backup = plain.payloadAs(BackupCompleted.class);
        EventEnvelope event = EventEnvelope.of(plain.migrationId(), 1, "backup-service", "",
                new BackupCompleted(backup.spec().withAppend(true), backup.snapshot()), Instant.now());
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).isEqualTo("target table public.posts held 1 row(s) before the run; appending to it "
                + "needs a primary key the records fill, so that a rollback removes exactly the run's rows");
        assertThat(compensation(event.migrationId()).succeeded()).isTrue();
        try (Connection target = target("appendnopk")) {
            assertThat(ids(target, "SELECT id FROM posts")).containsExactly(100);
        }
    }

    private static final String[] REJECT_REASONS = {
            "field 'body' contains the character U+0000, which PostgreSQL cannot store in text; column body",
            "duplicate key (id) of primary key comments_pkey: record 0 has the same",
            "orphan: (post_id) refers to no row of public.posts (foreign key comments_post_id_fkey)"};

    /** Posts 1 and 2; comments 0 and 4 fine, 1 holds a NUL, 2 repeats id 1, 3 refers to post 99. */
    private static EventEnvelope rejectsRun(String profile, RejectThreshold threshold) throws IOException {
        Path schema = Files.createDirectories(workDir.resolve(profile + "-schema"));
        Files.writeString(schema.resolve("V1__posts_and_comments.sql"), """
                CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
                CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id),
                                       body text NOT NULL);
                """);
        ObjectNode db = (ObjectNode) json("""
                {"comments": [
                   {"id": 1, "post_id": 1, "body": "first"},
                   {"id": 2, "post_id": 1, "body": "nul\\u0000inside"},
                   {"id": 1, "post_id": 2, "body": "same id"},
                   {"id": 3, "post_id": 99, "body": "orphan"},
                   {"id": 4, "post_id": 2, "body": "last"}],
                 "posts": [{"id": 1, "title": "one"}, {"id": 2, "title": "two"}]}""");
        return backupCompleted(profile, snapshot(profile, db), schema, null, db, SnapshotStorage.PLAIN, threshold);
    }

    private static Path rejectsDirectory() {
        return Path.of(ConfigProvider.getConfig().getValue("jsonmig.rejects.root", String.class));
    }

    private static List<Integer> ids(Connection connection, String query) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** A load of two good records and a bad third one; the phase fails and the run's table is removed. */
    private PhaseFailed failedLoad(String profile, String badRecord) throws Exception {
        Path schema = Files.createDirectories(workDir.resolve(profile + "-schema"));
        Files.writeString(schema.resolve("V1__edge_values.sql"), EDGE_VALUES);
        ArrayNode records = JSON.createArrayNode();
        records.addObject().put("id", 1).put("label", "fine");
        records.addObject().put("id", 2).put("small", 12);
        records.add(json(badRecord));
        ObjectNode db = JSON.createObjectNode().set("edge_values", records);
        EventEnvelope event = backupCompleted(profile, snapshot(profile, db), schema, null, db);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(compensation(event.migrationId()).succeeded()).isTrue();
        assertThat(probe.eventsOf(event.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED);
        try (Connection target = target(profile)) {
            assertThat(catalog(target)).noneMatch(o -> o.startsWith("relation public.edge_values"));
        }
        return failed;
    }

    private static void assertExactly(BigDecimal actual, String expected) {
        assertThat(actual).isEqualByComparingTo(expected);
        assertThat(actual.scale()).as("scale of " + actual).isEqualTo(new BigDecimal(expected).scale());
    }

    private static void assertUsersMatchTheJson(Connection target) throws SQLException {
        try (PreparedStatement s = target.prepareStatement(
                "SELECT address_geo_lat, address_geo_lng, company::text, created_at, website, active, address_zipcode "
                        + "FROM users WHERE id = ?")) {
            for (JsonNode user : blog.get("users")) {
                s.setInt(1, user.get("id").intValue());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(user.at("/address/geo/lat").decimalValue());
                    assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(user.at("/address/geo/lng").decimalValue());
                    assertThat(json(rs.getString(3))).isEqualTo(user.get("company"));
                    assertThat(rs.getObject(4, OffsetDateTime.class).toInstant())
                            .isEqualTo(OffsetDateTime.parse(user.get("createdAt").textValue()).toInstant());
                    assertThat(rs.getString(5)).isEqualTo(user.get("website").textValue());
                    assertThat(rs.getBoolean(6)).isEqualTo(user.get("active").booleanValue());
                    assertThat(rs.getString(7)).isEqualTo(user.at("/address/zipcode").textValue());
                }
            }
        }
    }

    private static void assertPostsMatchTheJson(Connection target) throws SQLException {
        try (PreparedStatement s = target.prepareStatement("SELECT tags, body, published_at FROM posts WHERE id = ?")) {
            for (JsonNode post : blog.get("posts")) {
                s.setInt(1, post.get("id").intValue());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    List<String> tags = new ArrayList<>();
                    post.get("tags").forEach(t -> tags.add(t.textValue()));
                    assertThat((String[]) rs.getArray(1).getArray()).containsExactlyElementsOf(tags);
                    assertThat(rs.getString(2)).isEqualTo(post.get("body").textValue());
                    assertThat(rs.getObject(3, OffsetDateTime.class).toInstant())
                            .isEqualTo(Instant.parse(post.get("publishedAt").textValue()));
                }
            }
        }
    }

    private static void assertCommentsMatchTheJson(Connection target) throws SQLException {
        int nonAscii = 0;
        try (PreparedStatement s = target.prepareStatement("SELECT name, body FROM comments WHERE id = ?")) {
            for (JsonNode comment : blog.get("comments")) {
                s.setInt(1, comment.get("id").intValue());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(comment.get("name").textValue());
                    assertThat(rs.getString(2)).isEqualTo(comment.get("body").textValue());
                }
                if (comment.get("body").textValue().chars().anyMatch(c -> c > 127)) {
                    nonAscii++;
                }
            }
        }
        assertThat(nonAscii).as("comments with non-ASCII text in the example").isGreaterThan(50);
    }

    /** The blog's first Prisma folder, then one that creates an index and fails on its line 5. */
    private static Path brokenPrismaProject(String name) throws IOException {
        Path migrations = Files.createDirectories(workDir.resolve(name).resolve("prisma/migrations"));
        Files.copy(EXAMPLE_PRISMA.resolve("prisma/migrations/migration_lock.toml"), migrations.resolve("migration_lock.toml"));
        Files.createDirectories(migrations.resolve(PRISMA_INIT));
        Files.copy(prismaScript(PRISMA_INIT), migrations.resolve(PRISMA_INIT).resolve("migration.sql"));
        Path broken = Files.createDirectories(migrations.resolve("20240102000000_broken"));
        Files.writeString(broken.resolve("migration.sql"), """
                -- CreateIndex
                CREATE INDEX "posts_title_idx" ON "posts"("title");

                -- AlterTable
                ALTER TABLE "posts" ADD COLUMN "rating" NOSUCHTYPE;
                """);
        return migrations.getParent().getParent();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static Path prismaScript(String folder) {
        return EXAMPLE_PRISMA.resolve("prisma/migrations").resolve(folder).resolve("migration.sql");
    }

    private static String prismaChecksum(String folder) throws Exception {
        return sha256(prismaScript(folder));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** One line per row of _prisma_migrations, in the order the rows were started. */
    private static List<String> prismaHistory(Connection target) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT migration_name, checksum, finished_at IS NOT NULL, applied_steps_count, logs,
                       rolled_back_at IS NOT NULL
                FROM _prisma_migrations ORDER BY started_at, migration_name""")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " finished" : " unfinished")
                        + " steps=" + rs.getInt(4) + " logs=" + rs.getString(5) + " rolled_back=" + rs.getBoolean(6));
            }
        }
        return rows;
    }

    private static List<String> prismaIds(Connection target) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM _prisma_migrations ORDER BY started_at, migration_name")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static List<String> columns(Connection target, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = target.prepareStatement("""
                SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static RollbackStepCompleted compensation(String migrationId) {
        return probe.awaitMatching(migrationId, e -> e.payload() instanceof RollbackStepCompleted s
                        && s.compensator().equals("migration-service"), "migration-service rollback step", TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
    }

    private static List<RollbackStepCompleted> compensationsOf(String migrationId) {
        return compensationEventsOf(migrationId).stream().map(e -> e.payloadAs(RollbackStepCompleted.class)).toList();
    }

    private static List<EventEnvelope> compensationEventsOf(String migrationId) {
        return probe.eventsOf(migrationId).stream()
                .filter(e -> e.payload() instanceof RollbackStepCompleted s && s.compensator().equals("migration-service"))
                .toList();
    }

    private static EventEnvelope backupCompleted(String profile, Path snapshot, Path schemaDir, Path mappingFile)
            throws IOException {
        return backupCompleted(profile, snapshot, schemaDir, mappingFile, blog);
    }

    private static EventEnvelope backupCompleted(String profile, Path snapshot, Path schemaDir, Path mappingFile,
                                                 JsonNode db) throws IOException {
        return backupCompleted(profile, snapshot, schemaDir, mappingFile, db, SnapshotStorage.PLAIN);
    }

    private static EventEnvelope backupCompleted(String profile, Path snapshot, Path schemaDir, Path mappingFile,
                                                 JsonNode db, SnapshotStorage storage) throws IOException {
        return backupCompleted(profile, snapshot, schemaDir, mappingFile, db, storage, null);
    }

    private static EventEnvelope backupCompleted(String profile, Path snapshot, Path schemaDir, Path mappingFile,
                                                 JsonNode db, SnapshotStorage storage, RejectThreshold threshold)
            throws IOException {
        return TestRuns.backupCompleted(workDir, profile, snapshot, schemaDir, mappingFile, db, storage, threshold);
    }

    /** A snapshot whose db.json is stored as backup-service stores it with that storage. */
    private static Path encodedSnapshot(String name, JsonNode db, SnapshotCodec codec, SnapshotStorage storage)
            throws IOException {
        Path files = Files.createDirectories(workDir.resolve("snapshots").resolve(name).resolve("files"));
        try (OutputStream out = codec.encoder(Files.newOutputStream(files.resolve("db.json")), storage)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, db);
        }
        return files.getParent();
    }

    private static Path snapshot(String name, JsonNode db) throws IOException {
        return TestRuns.snapshot(workDir, name, db);
    }

    private static Connection target(String profile) throws SQLException {
        return TestRuns.target(profile);
    }

    /** Until closed, the ledger database refuses the phase runs the condition matches, as a broken ledger would. */
    private static AutoCloseable ledgerRefusesPhaseRuns(String operation, String condition) throws SQLException {
        try (Connection ledger = ledger()) {
            execute(ledger, """
                    CREATE FUNCTION migration.refuse_phase_run() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'the ledger refuses phase runs of %', NEW.migration_id; END $$""",
                    "CREATE TRIGGER refuse_phase_run BEFORE " + operation + " ON migration.phase_run FOR EACH ROW "
                            + "WHEN (" + condition + ") EXECUTE FUNCTION migration.refuse_phase_run()");
        }
        return () -> {
            try (Connection ledger = ledger()) {
                execute(ledger, "DROP TRIGGER refuse_phase_run ON migration.phase_run",
                        "DROP FUNCTION migration.refuse_phase_run()");
            }
        };
    }

    private static Connection ledger() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static PhaseJob jobOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> PhaseJob.findById(eventId));
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        TestRuns.execute(connection, statements);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every user object of a database, one line each, read independently of the service's own catalog code. */
    private static List<String> catalog(Connection connection) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                WITH user_schemas AS (
                    SELECT oid, nspname FROM pg_namespace
                    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%')
                SELECT 'schema ' || nspname FROM user_schemas
                UNION ALL
                SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')'
                FROM pg_class c JOIN user_schemas n ON n.oid = c.relnamespace
                UNION ALL
                SELECT 'type ' || n.nspname || '.' || t.typname
                FROM pg_type t JOIN user_schemas n ON n.oid = t.typnamespace
                UNION ALL
                SELECT 'routine ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                FROM pg_proc p JOIN user_schemas n ON n.oid = p.pronamespace
                ORDER BY 1""")) {
            while (rs.next()) {
                objects.add(rs.getString(1));
            }
        }
        return objects;
    }

    private static final String EDGE_VALUES = """
            CREATE TABLE edge_values (
                id integer PRIMARY KEY, label text, short_code varchar(10), fixed char(3), small smallint,
                big bigint, amount numeric, price numeric(12,4), ratio double precision, flag boolean,
                at_tz timestamptz, at_local timestamp, on_day date, ref uuid, doc jsonb, raw json,
                tags text[], counts integer[], amounts numeric[], flags boolean[]);
            """;

    private static final String USERS = """
            CREATE TABLE users (
                id integer PRIMARY KEY, name text NOT NULL, username text NOT NULL UNIQUE, email text NOT NULL,
                phone text, website text, address_street text, address_suite text, address_city text,
                address_zipcode text, address_geo_lat numeric(9,6), address_geo_lng numeric(9,6), company jsonb,
                created_at timestamptz NOT NULL, active boolean NOT NULL)""";

    private static final String POSTS_AND_COMMENTS = """
            CREATE TABLE posts (
                id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), title text NOT NULL,
                body text NOT NULL, tags text[] NOT NULL DEFAULT '{}', published_at timestamptz NOT NULL,
                views integer NOT NULL DEFAULT 0);
            CREATE TABLE comments (
                id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id), name text NOT NULL,
                email text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL);
            """;

    /** Objects of every kind the compensation must remove: dependents, owned sequences, an index on a kept table. */
    private static final String REPORTING = """
            CREATE SCHEMA reporting;
            CREATE TYPE reporting.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN reporting.positive AS integer CHECK (VALUE > 0);
            CREATE TYPE reporting.pair AS (a integer, b text);
            CREATE SEQUENCE reporting.ticket_seq;
            CREATE TABLE reporting.audit (id serial PRIMARY KEY, mood reporting.mood, score reporting.positive,
                                          at timestamptz);
            CREATE INDEX audit_at_idx ON reporting.audit (at);
            CREATE INDEX posts_title_idx ON posts (title);
            CREATE INDEX users_email_idx ON users (email);
            CREATE VIEW reporting.post_stats AS SELECT user_id, count(*) AS posts FROM posts GROUP BY user_id;
            CREATE FUNCTION reporting.post_count(p_user integer) RETURNS bigint LANGUAGE sql
                AS $$ SELECT count(*) FROM posts WHERE user_id = p_user $$;
            """;

    @Test
    void aRollbackAfterTheCutOverDropsNothingAndFencesTheRunsTables() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("fenced-schema"));
        Files.writeString(schema.resolve("V1__posts_and_comments.sql"), POSTS_AND_COMMENTS);
        try (Connection target = target("fenced")) {
            execute(target, USERS);
        }
        EventEnvelope event = backupCompleted("fenced", snapshot("fenced", blog), schema, EXAMPLE_MAPPING);
        probe.publish(event);
        probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT);
        long posts;
        try (Connection app = target("fenced")) {
            execute(app, "UPDATE posts SET title = 'written after the cut-over' WHERE id = (SELECT min(id) FROM posts)");
            posts = count(app, "posts");
        }

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator", RollbackRequested.afterCutover(
                RollbackTrigger.FUNCTIONALITY, "checkout broken",
                event.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        String message = "jsonmig rollback " + event.migrationId() + " in progress: writes go to the JSON files";
        try (Connection app = target("fenced")) {
            await().atMost(TIMEOUT).until(() -> {
                try (Statement s = app.createStatement()) {
                    s.execute("UPDATE posts SET title = title WHERE false"); // a statement trigger fires for no row too
                    return false;
                } catch (SQLException e) {
                    assertThat(e.getMessage()).contains(message);
                    return true;
                }
            });
            assertThatThrownBy(() -> execute(app, "TRUNCATE users CASCADE")).hasMessageContaining(message);
            assertThatThrownBy(() -> execute(app, "INSERT INTO users (id) VALUES (99999)"))
                    .hasMessageContaining(message);
            // nothing dropped: the application's rows stay for the investigation
            assertThat(count(app, "posts")).isEqualTo(posts);
        }
    }
}
