package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
