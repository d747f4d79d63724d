package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry run ({@code RunSpec.dryRun}) of the example blog: loaded into its throwaway schema while the target's
 * own tables of the same names keep their rows, then removed on its {@code verification.passed} (which this
 * test publishes in verification-service's place) or by a rollback.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class DryRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** What the application already has in the target: the blog's tables, with rows of its own. */
    private static final String[] APPLICATION = {
            "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, username text NOT NULL UNIQUE, "
                    + "email text NOT NULL)",
            "INSERT INTO users VALUES (1, 'Live User', 'live', 'live@example.com'), "
                    + "(2, 'Other', 'other', 'o@example.com')",
            "CREATE TABLE posts (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), title text)",
            "INSERT INTO posts (user_id, title) VALUES (1, 'written by the live application')",
            "CREATE TABLE comments (id integer PRIMARY KEY, body text)",
            "CREATE FUNCTION app_version() RETURNS text LANGUAGE sql AS $$ SELECT '1.4.2' $$"};

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static JsonNode blog;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-migration-dry-run-").toRealPath();
        blog = TestRuns.JSON.readTree(MigrationEvents.EXAMPLE.resolve("data/db.json").toFile());
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aDryRunLoadsIntoItsThrowawaySchemaWhileTheTablesOfTheSameNamesKeepTheirRowsAndThenRemovesIt()
            throws Exception {
        List<String> before;
        try (Connection target = TestRuns.target("dryrun")) {
            TestRuns.execute(target, APPLICATION);
            before = TargetState.of(target);
        }
        EventEnvelope backup = dryRun("dryrun", MigrationEvents.EXAMPLE.resolve("schema"));
        String schema = DryRuns.schemaFor(backup.migrationId());
        probe.publish(backup);

        DataMigrated migrated = probe.await(backup.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(new TableLoad("users", schema + ".users", 40),
                new TableLoad("posts", schema + ".posts", 120), new TableLoad("comments", schema + ".comments", 300));
        assertThat(migrated.appliedMigrations()).containsExactly("V1__create_tables.sql", "V2__indexes.sql");
        try (Connection target = TestRuns.target("dryrun")) {
            assertThat(count(target, schema + ".comments")).isEqualTo(300);
            assertThat(count(target, schema + ".flyway_schema_history")).as("Flyway's history is the rehearsal's too")
                    .isEqualTo(2);
            assertThat(count(target, schema + "._jsonmig_load_checkpoints")).isEqualTo(3);
            assertThat(TargetState.of(target)).as("everything outside the throwaway schema")
                    .filteredOn(line -> !line.contains(schema)).isEqualTo(before);
        }

        EventEnvelope verified = probe.publish(verificationPassed(backup, migrated));
        DryRunCompleted completed = probe.await(backup.migrationId(), EventType.DRY_RUN_COMPLETED, TIMEOUT)
                .payloadAs(DryRunCompleted.class);

        assertThat(completed.targetProfile()).isEqualTo("dryrun");
        assertThat(completed.schema()).isEqualTo(schema);
        assertThat(completed.tables()).containsExactly(schema + ".users", schema + ".posts", schema + ".comments");
        assertThat(completed.reportLocation()).isEqualTo(reportOf(backup));
        assertThat(completed.removed()).contains("table " + schema + ".comments", "table " + schema + ".users",
                "table " + schema + ".flyway_schema_history", "table " + schema + "._jsonmig_rejects",
                "index " + schema + ".posts_user_id_idx");
        assertThat(completed.removed()).as("the schema goes last").last().isEqualTo("schema " + schema);
        try (Connection target = TestRuns.target("dryrun")) {
            assertThat(TargetState.of(target)).isEqualTo(before);
        }

        // Delivered again: recorded once, so one clean-up and one dry-run.completed.
        probe.publish(verified);
        awaitLaterVerificationHandled();
        assertThat(probe.eventsOf(backup.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.DRY_RUN_COMPLETED)
                .doesNotContain(EventType.PHASE_FAILED, EventType.ROLLBACK_REQUESTED, EventType.CUTOVER_READY);
    }

    @Test
    void aRollbackOfADryRunRemovesItsSchemaAndWhatItsScriptsCreatedElsewhereAndALateVerificationEndsNothing()
            throws Exception {
        List<String> before;
        try (Connection target = TestRuns.target("dryrunaborted")) {
            TestRuns.execute(target, APPLICATION);
            before = TargetState.of(target);
        }
        Path scripts = Files.createDirectories(workDir.resolve("outside-" + UUID.randomUUID()));
        for (String file : List.of("V1__create_tables.sql", "V2__indexes.sql")) {
            Files.copy(MigrationEvents.EXAMPLE.resolve("schema").resolve(file), scripts.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        // Named with their schema, these land outside the throwaway schema: still the run's, still removed.
        Files.writeString(scripts.resolve("V3__outside.sql"), """
                CREATE TABLE public.rehearsal_notes (id integer PRIMARY KEY, note text);
                CREATE FUNCTION public.rehearsal_answer() RETURNS integer LANGUAGE sql AS 'SELECT 42';
                """);
        EventEnvelope backup = dryRun("dryrunaborted", scripts);
        String schema = DryRuns.schemaFor(backup.migrationId());
        probe.publish(backup);
        DataMigrated migrated = probe.await(backup.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        try (Connection target = TestRuns.target("dryrunaborted")) {
            assertThat(TargetState.of(target)).contains("relation public.rehearsal_notes (r)");
        }

        probe.publish(MigrationEvents.rollbackRequested(backup));
        RollbackStepCompleted step = probe.awaitMatching(backup.migrationId(), MigrationEvents.TARGET_COMPENSATED,
                "the target's rollback step", TIMEOUT).payloadAs(RollbackStepCompleted.class);

        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.rehearsal_notes",
                "dropped function public.rehearsal_answer()", "dropped table " + schema + ".users",
                "dropped schema " + schema);
        try (Connection target = TestRuns.target("dryrunaborted")) {
            assertThat(TargetState.of(target)).isEqualTo(before);
        }

        // The verification's success arriving after the rollback: its clean-up is recorded cancelled.
        probe.publish(verificationPassed(backup, migrated));
        awaitLaterVerificationHandled();
        assertThat(probe.eventsOf(backup.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DRY_RUN_COMPLETED).containsOnlyOnce(EventType.ROLLBACK_STEP_COMPLETED);
    }

    @Test
    void aDryRunWhoseMappingNamesAnotherSchemaFailsItsPreflightAndChangesNothing() throws Exception {
        Path mapping = workDir.resolve("public-mapping.json");
        Files.writeString(mapping, Files.readString(MigrationEvents.EXAMPLE.resolve("mapping.json"))
                .replace("\"table\": \"users\"", "\"table\": \"public.users\""));
        EventEnvelope backup = dryRun(TestRuns.backupCompleted(workDir, "dryrun", snapshot(),
                MigrationEvents.EXAMPLE.resolve("schema"), mapping, blog, SnapshotStorage.PLAIN, null));
        probe.publish(backup);

        PhaseFailed failed = probe.await(backup.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);

        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.reason()).contains("collection users goes to table public.users in schema public",
                "a dry run loads only into its throwaway schema " + DryRuns.schemaFor(backup.migrationId()));
    }

    /** A dry run's verification.passed of a run that never reached this service: its clean-up finds nothing. */
    private static void awaitLaterVerificationHandled() throws IOException {
        EventEnvelope later = probe.publish(MigrationEvents.dryRunVerified(
                dryRun(MigrationEvents.UNKNOWN_PROFILE, MigrationEvents.EXAMPLE.resolve("schema"))));
        probe.await(later.migrationId(), EventType.DRY_RUN_COMPLETED, TIMEOUT);
    }

    private static EventEnvelope dryRun(String profile, Path schemaDir) throws IOException {
        return dryRun(TestRuns.backupCompleted(workDir, profile, snapshot(), schemaDir,
                MigrationEvents.EXAMPLE.resolve("mapping.json"), blog, SnapshotStorage.PLAIN, null));
    }

    /** The same backup, of a run started as a dry run. */
    private static EventEnvelope dryRun(EventEnvelope backup) {
        BackupCompleted completed = backup.payloadAs(BackupCompleted.class);
        return EventEnvelope.of(backup.migrationId(), backup.attempt(), backup.producer(), "",
                new BackupCompleted(completed.spec().withDryRun(true), completed.snapshot()), Instant.now());
    }

    private static Path snapshot() throws IOException {
        return TestRuns.snapshot(workDir, "dry-" + UUID.randomUUID(), blog);
    }

    /** What verification-service publishes when the rows of the load agree with the snapshot. */
    private static EventEnvelope verificationPassed(EventEnvelope backup, DataMigrated migrated) {
        RunSpec spec = backup.payloadAs(BackupCompleted.class).spec();
        List<String> tables = migrated.tables().stream().map(TableLoad::table).toList();
        List<CollectionCheck> checks = migrated.tables().stream()
                .map(t -> new CollectionCheck(t.collection(), t.table(), t.rows(), t.rows(), true)).toList();
        return EventEnvelope.of(backup.migrationId(), backup.attempt(), "verification-service", "",
                new VerificationPassed(spec, checks, reportOf(backup), tables), Instant.now());
    }

    private static String reportOf(EventEnvelope backup) {
        return "http://127.0.0.1:8083/verifications/" + backup.migrationId();
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Every user object of a database and every table's rows (count and an MD5 of its rows' text in order), each
     * sequence's value: read independently of the service's own catalog code.
     */
    static final class TargetState {

        private TargetState() {
        }

        static List<String> of(Connection connection) throws SQLException {
            List<String> state = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            List<String> sequences = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                    WITH user_schemas AS (
                        SELECT oid, nspname FROM pg_namespace
                        WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%')
                    SELECT 'schema ' || nspname, NULL, NULL FROM user_schemas
                    UNION ALL
                    SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')',
                           c.relkind::text, quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                    FROM pg_class c JOIN user_schemas n ON n.oid = c.relnamespace
                    UNION ALL
                    SELECT 'type ' || n.nspname || '.' || t.typname, NULL, NULL
                    FROM pg_type t JOIN user_schemas n ON n.oid = t.typnamespace
                    UNION ALL
                    SELECT 'routine ' || n.nspname || '.' || p.proname || '('
                           || pg_get_function_identity_arguments(p.oid) || ')', NULL, NULL
                    FROM pg_proc p JOIN user_schemas n ON n.oid = p.pronamespace
                    UNION ALL
                    SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass::text, NULL, NULL
                    FROM pg_trigger t WHERE NOT t.tgisinternal
                    ORDER BY 1""")) {
                while (rs.next()) {
                    state.add(rs.getString(1));
                    if ("r".equals(rs.getString(2))) {
                        tables.add(rs.getString(3));
                    } else if ("S".equals(rs.getString(2))) {
                        sequences.add(rs.getString(3));
                    }
                }
            }
            try (Statement s = connection.createStatement()) {
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
                        state.add("sequence " + sequence + " at " + rs.getLong(1)
                                + (rs.getBoolean(2) ? " (called)" : ""));
                    }
                }
            }
            return state;
        }
    }
}
