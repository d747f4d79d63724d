package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.TableLoad;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.jsonmig.migration.TestRuns.JSON;
import static io.jsonmig.migration.TestRuns.target;
import static org.assertj.core.api.Assertions.assertThat;

/** Mapping plan v2 through real runs: what each of its keys does to the rows in the target. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class MappingPlanRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-mapping-plan-test-").toRealPath();
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aYamlPlanGeneratesKeysFillsDefaultsKeepsExtrasAndReadsEpochSecondsAndBase64() throws Exception {
        Path schema = schema("plan", """
                CREATE TABLE accounts (id uuid PRIMARY KEY, name text NOT NULL, status text NOT NULL,
                                       created_at timestamptz, avatar bytea, extra jsonb NOT NULL);
                CREATE TABLE events (seq bigint PRIMARY KEY, name text NOT NULL);
                """);
        Path mapping = Files.writeString(workDir.resolve("plan.yaml"), """
                version: 2
                collections:
                  accounts:
                    table: accounts
                    key: {column: id, generate: uuid}
                    extras: extra
                    columns:
                      name: name
                      status:
                        column: status
                        default: "active"
                      createdAt:
                        column: created_at
                        epoch: seconds
                      avatar:
                        column: avatar
                        binary: base64
                  events:
                    table: events
                    key: {column: seq, generate: position}
                    columns:
                      name: name
                """);
        JsonNode db = JSON.readTree("""
                {"accounts": [
                   {"name": "ann", "createdAt": 1700000000, "avatar": "aGVsbG8=", "nick": "x", "address": {"floor": 3}},
                   {"name": "bob", "status": null},
                   {"name": "cy", "status": "gone"}],
                 "events": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}""");
        EventEnvelope event = run("plan", schema, mapping, db);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(new TableLoad("accounts", "public.accounts", 3),
                new TableLoad("events", "public.events", 3));
        try (Connection target = target("plan")) {
            List<List<Object>> accounts = rows(target, "SELECT id, name, status, created_at, avatar, extra::text "
                    + "FROM accounts ORDER BY name", 6);
            assertThat(accounts).extracting(r -> r.get(0)).containsExactly(generated(event, 0), generated(event, 1),
                    generated(event, 2));
            assertThat(accounts).extracting(r -> r.get(2)).containsExactly("active", "active", "gone");
            assertThat(accounts.get(0).get(3)).isEqualTo(OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC));
            assertThat(new String((byte[]) accounts.get(0).get(4), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(JSON.readTree((String) accounts.get(0).get(5)))
                    .isEqualTo(JSON.readTree("{\"nick\": \"x\", \"address\": {\"floor\": 3}}"));
            assertThat(accounts.get(1).get(5)).isEqualTo("{}");
            assertThat(rows(target, "SELECT seq, name FROM events ORDER BY seq", 2))
                    .containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c"));
        }
    }

    @Test
    void optionsAndExtrasOnColumnsThatCannotUseThemFailThePhaseNamingEach() throws Exception {
        Path schema = schema("planbad", "CREATE TABLE notes (id integer, body text, at text, blob text);\n");
        Path mapping = Files.writeString(workDir.resolve("planbad.json"), """
                {"collections": {"notes": {"table": "notes", "extras": "body", "columns": {
                   "id": "id", "at": {"column": "at", "epoch": "seconds"},
                   "blob": {"column": "blob", "binary": "base64"}}}}}""");
        EventEnvelope event = run("planbad", schema, mapping, JSON.readTree("{\"notes\": [{\"id\": 1}]}"));

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);

        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.problems()).containsExactlyInAnyOrder(
                "mapping file " + mapping + " gives field 'at' of collection 'notes' an epoch unit, but column 'at' is "
                        + "text; epoch applies to timestamp and timestamptz columns",
                "mapping file " + mapping + " gives field 'blob' of collection 'notes' a binary encoding, but column "
                        + "'blob' is text; binary applies to bytea columns",
                "mapping file " + mapping + " sends the extras of collection 'notes' to column 'body' of public.notes, "
                        + "which is text; extras need a json or jsonb column");
        probe.await(event.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT);
    }

    @Test
    void arraysLoadIntoChildTablesAfterTheirParentsABadElementIsRejectedAloneAndARollbackRemovesThemToo()
            throws Exception {
        try (Connection target = target("children")) {
            TestRuns.execute(target, "CREATE TABLE post_tags (post_id integer NOT NULL, position integer NOT NULL, "
                    + "tag text NOT NULL, PRIMARY KEY (post_id, position))");
        }
        Path schema = schema("children", """
                CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
                CREATE TABLE post_comments (post_id integer NOT NULL REFERENCES posts (id), position integer NOT NULL,
                                            body text NOT NULL, created_at timestamptz, extra jsonb,
                                            PRIMARY KEY (post_id, position));
                """);
        Path mapping = Files.writeString(workDir.resolve("children.yaml"), """
                collections:
                  posts:
                    table: posts
                    columns: {id: id, title: title}
                    children:
                      comments:
                        table: post_comments
                        parent-key: {post_id: id}
                        position: position
                        extras: extra
                        columns:
                          text: body
                          at: {column: created_at, epoch: seconds}
                      tags:
                        table: post_tags
                        parent-key: {post_id: id}
                        position: position
                        value: tag
                """);
        JsonNode db = JSON.readTree("""
                {"posts": [
                   {"id": 1, "title": "one", "comments": [{"text": "a", "at": 1700000000}, {"text": "b", "mood": "glad"}],
                    "tags": ["x", "y"]},
                   {"id": 2, "title": "two", "comments": [], "tags": null},
                   {"id": 3, "title": "three", "comments": [{"text": "c"}, {"text": "d", "at": "yesterday"},
                    {"text": null}], "tags": ["z"]}]}""");
        EventEnvelope event = TestRuns.backupCompleted(workDir, "children", TestRuns.snapshot(workDir, "children", db),
                schema, mapping, db, SnapshotStorage.PLAIN, new RejectThreshold(2L, null));
        probe.publish(event);

        DataMigrated migrated = probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)
                .payloadAs(DataMigrated.class);

        assertThat(migrated.tables()).containsExactly(new TableLoad("posts", "public.posts", 3, 0),
                new TableLoad("posts", "public.post_comments", 3, 2), new TableLoad("posts", "public.post_tags", 3, 0));
        try (Connection target = target("children")) {
            assertThat(rows(target, "SELECT post_id, position, body, created_at, extra::text FROM post_comments "
                    + "ORDER BY post_id, position", 5)).containsExactly(
                    Arrays.asList(1, 0, "a", OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC), "{}"),
                    Arrays.asList(1, 1, "b", null, "{\"mood\": \"glad\"}"),
                    Arrays.asList(3, 0, "c", null, "{}"));
            assertThat(rows(target, "SELECT post_id, position, tag FROM post_tags ORDER BY post_id, position", 3))
                    .containsExactly(List.of(1, 0, "x"), List.of(1, 1, "y"), List.of(3, 0, "z"));
            List<List<Object>> refused = rows(target, "SELECT collection, position, reason FROM _jsonmig_rejects", 3);
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).subList(0, 2)).containsExactly("posts.comments", 2L);
            assertThat((String) refused.get(0).get(2)).as("both refused elements of record 2, in array order")
                    .startsWith("field 'comments[1].at' holds a string that is not an ISO-8601 date-time with offset")
                    .endsWith("; missing required value: column body is NOT NULL");
        }
        Path rejects = Path.of(migrated.rejectsLocation()).resolve("posts.comments.rejects.ndjson");
        JsonNode reject = JSON.readTree(Files.readString(rejects));
        assertThat(reject.get("collection").asText()).isEqualTo("posts.comments");
        assertThat(reject.get("position").asLong()).isEqualTo(2);
        assertThat(reject.get("record")).isEqualTo(db.get("posts").get(2));

        probe.publish(EventEnvelope.of(event.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        event.payloadAs(BackupCompleted.class).spec()), Instant.now()));
        RollbackStepCompleted step = probe.await(event.migrationId(), EventType.ROLLBACK_STEP_COMPLETED, TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);

        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.post_comments", "dropped table public.posts",
                "emptied public.post_tags, which existed before the run (the table stays)");
        try (Connection target = target("children")) {
            assertThat(rows(target, "SELECT count(*) FROM post_tags", 1)).containsExactly(List.of(0L));
            assertThat(rows(target, "SELECT to_regclass('public.post_comments') IS NULL", 1))
                    .containsExactly(List.of(true));
        }
    }

    private static EventEnvelope run(String profile, Path schema, Path mapping, JsonNode db) throws IOException {
        EventEnvelope event = TestRuns.backupCompleted(workDir, profile, TestRuns.snapshot(workDir, profile, db), schema,
                mapping, db, SnapshotStorage.PLAIN, null);
        probe.publish(event);
        return event;
    }

    private static Path schema(String name, String sql) throws IOException {
        Path schema = Files.createDirectories(workDir.resolve(name + "-schema"));
        Files.writeString(schema.resolve("V1__tables.sql"), sql);
        return schema;
    }

    /** The key a record at that position of collection accounts gets in the event's run. */
    private static UUID generated(EventEnvelope event, long position) {
        return UUID.nameUUIDFromBytes((event.migrationId() + "\0accounts\0" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static List<List<Object>> rows(Connection connection, String query, int columns) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
                            ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
