package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.migration.load.DeferredConstraint;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.testing.AdvisoryGate;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Constraints after the load: the empty tables a run creates load without their keys, indexes and
 * foreign keys, which come back exactly as the schema migrations defined them; the rows they refuse
 * are quarantined exactly as a load with the constraints in place quarantines them; a crash or a
 * rollback in the middle of the build leaves nothing half-built.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class DeferredConstraintsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Where the build of a gated index waits. */
    private static final AdvisoryGate BUILD_GATE = new AdvisoryGate(4343);

    /** Every kind of key and index the load drops and builds again, and a CHECK it keeps. */
    private static final String SCHEMA = """
            CREATE TABLE authors (
                id integer PRIMARY KEY, handle text NOT NULL, email text NOT NULL,
                CONSTRAINT authors_handle_key UNIQUE (handle), CONSTRAINT authors_handle_set CHECK (length(handle) > 0));
            CREATE UNIQUE INDEX authors_email_lower ON authors (lower(email));
            CREATE TABLE articles (
                id integer, author_id integer NOT NULL, slug text NOT NULL, rank integer NOT NULL DEFAULT 0, body text,
                CONSTRAINT articles_pk PRIMARY KEY (id) WITH (fillfactor = 90),
                CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)
                    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT articles_slug_per_author UNIQUE (author_id, slug));
            CREATE INDEX articles_rank_desc ON articles (rank DESC NULLS LAST) INCLUDE (slug);
            CREATE INDEX articles_with_body ON articles (author_id) WHERE body IS NOT NULL;
            CREATE INDEX articles_body_hash ON articles USING hash (body);
            """;

    /** An index whose build waits at {@link #BUILD_GATE} for every row: only the build evaluates it. */
    private static final String GATED_INDEX = """
            CREATE FUNCTION gated(i integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN PERFORM pg_advisory_xact_lock(4343); RETURN i; END $$;
            CREATE INDEX articles_gated ON articles (gated(id));
            """;

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-migration-deferred-").toRealPath();
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void theKeysIndexesAndForeignKeysComeBackExactlyAsTheSchemaDefinedThem() throws Exception {
        List<String> expected = definitionsOf("deferred", SCHEMA);
        EventEnvelope event = run("deferred", SCHEMA, blog(20, 50), new RejectThreshold(0L, null));
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(migrated.totalRows()).isEqualTo(70);
        List<DeferredConstraint> deferred = deferredOf(event.migrationId());
        assertThat(deferred).extracting(c -> c.tableName + " " + c.name).containsExactlyInAnyOrder(
                "authors authors_pkey", "authors authors_handle_key", "authors authors_email_lower",
                "articles articles_pk", "articles articles_author_fk", "articles articles_slug_per_author",
                "articles articles_rank_desc", "articles articles_with_body", "articles articles_body_hash");
        assertThat(deferred).allMatch(c -> c.droppedAt != null && c.builtAt != null);
        try (Connection target = TestRuns.target("deferred")) {
            assertThat(definitions(target)).isEqualTo(expected);
            assertThat(count(target, "authors")).isEqualTo(20);
            assertThat(count(target, "articles")).isEqualTo(50);
        }
    }

    /**
     * Duplicates (within a chunk, across chunks, of a parent and of a second unique key), orphans,
     * missing values, too long and bad values: quarantined with the same reasons, positions, keys and
     * records as by a load whose tables keep their constraints (a comment on a key keeps them).
     */
    @Test
    void rejectsAreTheSameWithTheConstraintsDeferredAsWithThemInPlace() throws Exception {
        String schema = """
                CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
                CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id),
                                       code varchar(4) UNIQUE, body text NOT NULL);
                """;
        ObjectNode db = (ObjectNode) json("""
                {"posts": [{"id": 1, "title": "one"}, {"id": 2, "title": "two"}, {"id": 3, "title": "three"},
                           {"id": 2, "title": "two again"}, {"id": 4}, {"id": 5, "title": "five"}],
                 "comments": [
                   {"id": 1, "post_id": 1, "code": "a", "body": "fine"},
                   {"id": 2, "post_id": 2, "code": "b", "body": "fine"},
                   {"id": 2, "post_id": 3, "code": "c", "body": "same id, same chunk"},
                   {"id": 3, "post_id": 4, "code": "d", "body": "post 4 was refused: orphan"},
                   {"id": 4, "post_id": 99, "code": "e", "body": "orphan"},
                   {"id": 5, "post_id": 1, "code": "toolong", "body": "too long"},
                   {"id": 6, "post_id": "x", "code": "g", "body": "bad value"},
                   {"id": 7, "post_id": 1, "code": "h"},
                   {"id": 1, "post_id": 2, "code": "i", "body": "same id, earlier chunk"},
                   {"id": 8, "post_id": 2, "code": "a", "body": "same code, earlier chunk"},
                   {"id": 9, "post_id": 5, "code": "j", "body": "fine"},
                   {"id": 10, "post_id": 3, "code": "j", "body": "same code, same chunk"},
                   {"id": 11, "post_id": 3, "body": "no code"},
                   {"id": 12, "post_id": 3, "body": "no code either"},
                   {"id": 9, "post_id": 1, "code": "z", "body": "same id as a row of this chunk"},
                   {"id": 13, "post_id": 5, "code": "k", "body": "fine"}]}""");
        RejectThreshold threshold = new RejectThreshold(100L, null);
        EventEnvelope deferredRun = run("deferredrejects", schema, db, threshold);
        EventEnvelope constrainedRun = run("constrainedrejects", schema
                + "COMMENT ON INDEX posts_pkey IS 'keeps the constraints';\n"
                + "COMMENT ON INDEX comments_pkey IS 'keeps the constraints';\n", db, threshold);
        probe.publish(deferredRun);
        probe.publish(constrainedRun);

        DataMigrated deferred = probe.await(deferredRun.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        DataMigrated constrained = probe.await(constrainedRun.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(deferredOf(deferredRun.migrationId())).isNotEmpty().allMatch(c -> c.builtAt != null);
        assertThat(deferredOf(constrainedRun.migrationId())).isEmpty();

        assertThat(deferred.tables()).isEqualTo(constrained.tables());
        assertThat(deferred.tables()).extracting(t -> t.rejected()).containsExactly(2L, 10L);
        for (String collection : List.of("posts", "comments")) {
            assertThat(rejectLines(deferredRun, collection)).as(collection).isEqualTo(rejectLines(constrainedRun, collection));
        }
        assertThat(rejectLines(deferredRun, "comments")).extracting(l -> l.path("reason").asText()).contains(
                "duplicate key (id) of primary key comments_pkey: record 1 has the same",
                "duplicate key (id) of primary key comments_pkey: a row already in public.comments has the same "
                        + "(an earlier record's, or one the table held before the run)",
                "orphan: (post_id) refers to no row of public.posts (foreign key comments_post_id_fkey)");
        try (Connection deferredTarget = TestRuns.target("deferredrejects");
             Connection constrainedTarget = TestRuns.target("constrainedrejects")) {
            for (String query : List.of("SELECT * FROM posts ORDER BY id", "SELECT * FROM comments ORDER BY id",
                    "SELECT collection, position, record_key, reason, raw::text FROM _jsonmig_rejects "
                            + "ORDER BY collection, position")) {
                assertThat(rows(deferredTarget, query)).as(query).isNotEmpty()
                        .isEqualTo(rows(constrainedTarget, query));
            }
            assertThat(definitions(deferredTarget)).isEqualTo(definitions(constrainedTarget).stream()
                    .map(d -> d.replaceAll(" COMMENT .*", "")).toList());
        }
    }

    @Test
    void aLoadWhoseConnectionDiesInTheMiddleOfTheConstraintBuildBuildsThemAgainFromTheLedger() throws Exception {
        String schema = SCHEMA + GATED_INDEX;
        List<String> expected = definitionsOf("deferredcrash", schema);
        EventEnvelope event = run("deferredcrash", schema, blog(10, 30), new RejectThreshold(0L, null));
        try (Connection gate = TestRuns.target("deferredcrash")) {
            BUILD_GATE.close(gate);
            probe.publish(event);
            await().atMost(TIMEOUT).until(() -> BUILD_GATE.waitedFor(gate));
            assertThat(finished(gate, event.migrationId(), "articles")).as("articles loaded, its build under way")
                    .isTrue();
            assertThat(deferredOf(event.migrationId())).filteredOn(c -> c.tableName.equals("articles"))
                    .isNotEmpty().allMatch(c -> c.builtAt == null);
            assertThat(definitions(gate)).noneMatch(d -> d.startsWith("articles"));
            // What a crash of the service or the database does to the build's transaction.
            TestRuns.execute(gate, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND NOT granted AND objid::bigint = 4343 AND database = (SELECT oid FROM pg_database "
                    + "WHERE datname = current_database())");
            await().atMost(TIMEOUT).until(() -> jobOf(event.eventId()).starts == 2 && BUILD_GATE.waitedFor(gate));
            BUILD_GATE.open(gate);
        }

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);
        assertThat(migrated.totalRows()).isEqualTo(40);
        assertThat(deferredOf(event.migrationId())).allMatch(c -> c.builtAt != null);
        try (Connection target = TestRuns.target("deferredcrash")) {
            assertThat(definitions(target)).isEqualTo(expected);
            assertThat(count(target, "articles")).isEqualTo(30);
            assertThat(count(target, "_jsonmig_rejects")).isZero();
        }
    }

    @Test
    void aRollbackDuringTheConstraintBuildLeavesTheTargetAsItWas() throws Exception {
        List<String> before;
        try (Connection target = TestRuns.target("deferredrollback")) {
            TestRuns.execute(target, "CREATE TABLE audit_log (id integer PRIMARY KEY, note text)",
                    "INSERT INTO audit_log VALUES (1, 'kept')");
            before = catalog(target);
        }
        EventEnvelope event = run("deferredrollback", SCHEMA + GATED_INDEX, blog(10, 30), new RejectThreshold(0L, null));
        String id = event.migrationId();
        try (Connection gate = TestRuns.target("deferredrollback")) {
            BUILD_GATE.close(gate);
            probe.publish(event);
            await().atMost(TIMEOUT).until(() -> BUILD_GATE.waitedFor(gate));
            probe.publish(EventEnvelope.of(id, 1, "cli", "operator", new RollbackRequested(
                    RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.MIGRATION,
                    event.payloadAs(BackupCompleted.class).spec()), Instant.now()));
            await().atMost(TIMEOUT).until(() -> jobOf(event.eventId()).cancelReason != null);
            BUILD_GATE.open(gate);
        }

        RollbackStepCompleted step = probe.awaitMatching(id, e -> e.payload() instanceof RollbackStepCompleted s
                && s.compensator().equals("migration-service"), "migration-service rollback step", TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.articles", "dropped table public.authors");
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.DATA_MIGRATED);
        try (Connection target = TestRuns.target("deferredrollback")) {
            assertThat(catalog(target)).isEqualTo(before);
            assertThat(count(target, "audit_log")).isEqualTo(1);
        }
    }

    /** Authors 1..n, articles 1..m spread over them, some with a body. */
    private static ObjectNode blog(int authors, int articles) {
        ObjectNode db = TestRuns.JSON.createObjectNode();
        ArrayNode a = db.putArray("authors");
        for (int i = 1; i <= authors; i++) {
            a.addObject().put("id", i).put("handle", "author" + i).put("email", "Author" + i + "@example.com");
        }
        ArrayNode p = db.putArray("articles");
        for (int i = 1; i <= articles; i++) {
            ObjectNode article = p.addObject().put("id", i).put("author_id", 1 + i % authors).put("slug", "s" + i)
                    .put("rank", i % 7);
            if (i % 3 == 0) {
                article.put("body", "body " + i);
            }
        }
        return db;
    }

    private static EventEnvelope run(String profile, String schemaSql, ObjectNode db, RejectThreshold threshold)
            throws IOException {
        Path schema = Files.createDirectories(workDir.resolve(profile + "-schema"));
        Files.writeString(schema.resolve("V1__tables.sql"), schemaSql);
        Path snapshot = TestRuns.snapshot(workDir, profile, db);
        return TestRuns.backupCompleted(workDir, profile, snapshot, schema, null, db, SnapshotStorage.PLAIN, threshold);
    }

    /** The definitions the schema gives, read in a transaction that is rolled back. */
    private static List<String> definitionsOf(String profile, String schemaSql) throws SQLException {
        try (Connection target = TestRuns.target(profile)) {
            target.setAutoCommit(false);
            try {
                TestRuns.execute(target, schemaSql);
                return definitions(target);
            } finally {
                target.rollback();
            }
        }
    }

    /** Every constraint and index of the user's tables as PostgreSQL prints it, and whether it is valid. */
    private static List<String> definitions(Connection target) throws SQLException {
        return rows(target, """
                SELECT c.conrelid::regclass || ' constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                       || ' validated=' || c.convalidated
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relnamespace = 'public'::regnamespace AND t.relname NOT LIKE '\\_jsonmig\\_%'
                  AND t.relname <> 'flyway_schema_history'
                UNION ALL
                SELECT i.indrelid::regclass || ' index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid
                       || ' ready=' || i.indisready || coalesce(' COMMENT ' || obj_description(i.indexrelid, 'pg_class'), '')
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relnamespace = 'public'::regnamespace AND t.relname NOT LIKE '\\_jsonmig\\_%'
                  AND t.relname <> 'flyway_schema_history'
                ORDER BY 1""").stream().map(r -> r.get(0)).toList();
    }

    private static List<List<String>> rows(Connection target, String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> catalog(Connection target) throws SQLException {
        return rows(target, """
                SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')'
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                UNION ALL
                SELECT 'routine ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                ORDER BY 1""").stream().map(r -> r.get(0)).toList();
    }

    private static boolean finished(Connection target, String migrationId, String collection) throws SQLException {
        return rows(target, "SELECT finished FROM _jsonmig_load_checkpoints WHERE migration_id = '" + migrationId
                + "' AND collection = '" + collection + "'").equals(List.of(List.of("t")));
    }

    private static List<JsonNode> rejectLines(EventEnvelope run, String collection) throws IOException {
        Path file = Path.of(ConfigProvider.getConfig().getValue("jsonmig.rejects.root", String.class))
                .resolve(run.migrationId()).resolve(collection + ".rejects.ndjson");
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(DeferredConstraintsTest::json).toList();
    }

    private static List<DeferredConstraint> deferredOf(String migrationId) {
        return QuarkusTransaction.requiringNew().call(() -> DeferredConstraint.ofAttempt(migrationId, 1));
    }

    private static PhaseJob jobOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> PhaseJob.findById(eventId));
    }

    private static long count(Connection target, String table) throws SQLException {
        return Long.parseLong(rows(target, "SELECT count(*) FROM " + table).get(0).get(0));
    }

    private static JsonNode json(String text) {
        try {
            return TestRuns.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
