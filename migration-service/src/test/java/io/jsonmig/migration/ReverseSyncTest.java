package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jsonmig.migration.TestRuns.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reverse sync's export on the blog as lowdb writes it: the fenced tables come back as a snapshot
 * of db.json, the application's writes carried into the records, everything else byte for byte.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class ReverseSyncTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path EXAMPLE = Path.of("../examples/blog").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = TestRuns.JSON;

    @jakarta.inject.Inject
    io.jsonmig.support.snapshot.SnapshotCodec codec;

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-reverse-test-").toRealPath();
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aRollbackWithoutWritesExportsTheSnapshotsOwnBytes() throws Exception {
        byte[] db = Files.readAllBytes(EXAMPLE.resolve("data/db.json"));
        EventEnvelope backedUp = migrated("reversenowrites", db);

        ReverseSyncExported exported = rollBack(backedUp);

        assertThat(new String(exportedDb(exported), StandardCharsets.UTF_8))
                .isEqualTo(new String(db, StandardCharsets.UTF_8));
        assertThat(exported.collections()).extracting(CollectionSync::writes).containsOnly(0L);
        assertThat(exported.collections()).extracting(CollectionSync::collection)
                .containsExactly("users", "posts", "comments");
        assertThat(exported.snapshot().recordsPerCollection())
                .isEqualTo(backedUp.payloadAs(BackupCompleted.class).snapshot().recordsPerCollection());
        assertThat(exported.fence().tables()).hasSize(3);
    }

    @Test
    void theApplicationsWritesComeBackIntoTheRecordsTheyChanged() throws Exception {
        byte[] db = Files.readAllBytes(EXAMPLE.resolve("data/db.json"));
        ObjectNode before = (ObjectNode) JSON.readTree(db);
        EventEnvelope backedUp = migrated("reverse", db);
        try (Connection app = TestRuns.target("reverse")) {
            execute(app,
                    "UPDATE users SET address_city = 'Lisbon', company = jsonb_set(company, '{name}', '\"Lisbon Labs\"'),"
                            + " created_at = '2025-03-01T10:00:00Z' WHERE id = 1",
                    "UPDATE posts SET tags = ARRAY['moved', 'back'], views = views + 5 WHERE id = 2",
                    "DELETE FROM comments WHERE id = 3",
                    "INSERT INTO users (id, name, username, email, created_at, active, company, address_city) VALUES "
                            + "(9001, 'New Person', 'newp', 'new@example.org', '2025-03-02T08:30:00Z', false,"
                            + " '{\"name\": \"Fresh\"}', 'Porto')");
        }

        ReverseSyncExported exported = rollBack(backedUp);

        ObjectNode after = (ObjectNode) JSON.readTree(exportedDb(exported));
        Map<String, CollectionSync> figures = new LinkedHashMap<>();
        exported.collections().forEach(c -> figures.put(c.collection(), c));
        assertThat(figures.get("users").updated()).isEqualTo(1);
        assertThat(figures.get("users").inserted()).isEqualTo(1);
        assertThat(figures.get("posts").updated()).isEqualTo(1);
        assertThat(figures.get("comments").deleted()).isEqualTo(1);
        assertThat(CollectionSync.totalWrites(exported.collections())).isEqualTo(4);

        JsonNode user = after.get("users").get(0);
        JsonNode original = before.get("users").get(0);
        assertThat(user.get("address").get("city").asText()).isEqualTo("Lisbon");
        assertThat(user.get("company").get("name").asText()).isEqualTo("Lisbon Labs");
        // the source wrote the date with an offset: it keeps it
        assertThat(user.get("createdAt").asText()).isEqualTo("2025-03-01T12:00:00+02:00");
        assertThat(fieldNames(user)).isEqualTo(fieldNames(original));
        assertThat(fieldNames(user.get("company"))).isEqualTo(fieldNames(original.get("company")));
        assertThat(user.get("address").get("geo")).isEqualTo(original.get("address").get("geo"));

        JsonNode post = after.get("posts").get(1);
        assertThat(post.get("tags")).isEqualTo(JSON.readTree("[\"moved\", \"back\"]"));
        assertThat(post.get("views").asLong()).isEqualTo(before.get("posts").get(1).get("views").asLong() + 5);

        assertThat(after.get("comments").size()).isEqualTo(before.get("comments").size() - 1);
        assertThat(after.get("comments").findValuesAsText("id")).doesNotContain("3");

        JsonNode added = after.get("users").get(after.get("users").size() - 1);
        assertThat(added.get("id").asInt()).isEqualTo(9001);
        assertThat(added.get("address").get("city").asText()).isEqualTo("Porto");
        assertThat(added.get("active").asBoolean()).isFalse();
        assertThat(added.get("createdAt").isTextual()).isTrue();
        assertThat(fieldNames(added).get(0)).isEqualTo("id");

        // the records nobody touched are the snapshot's own bytes, and the file keeps lowdb's layout
        String exportedText = new String(exportedDb(exported), StandardCharsets.UTF_8);
        assertThat(exportedText).contains(recordText(db, "users", 1));
        assertThat(exportedText).startsWith("{\n  \"users\": [\n    {\n      \"id\": 1,\n");
        assertThat(exportedText).contains("\n    {\n      \"id\": 9001,\n");
    }

    @Test
    void aFileForEachCollectionComesBackAsPostgreSQLHoldsItInTheFilesOwnFormatting() throws Exception {
        ObjectNode blog = (ObjectNode) JSON.readTree(EXAMPLE.resolve("data/db.json").toFile());
        // as JSON.stringify(records, null, 4), with tabs, and on one line: three applications, three styles
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("users.json", (stringify(blog.get("users"), "    ", 0) + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("posts.json", (stringify(blog.get("posts"), "\t", 0) + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("comments.json", stringify(blog.get("comments"), "", 0).getBytes(StandardCharsets.UTF_8));
        EventEnvelope backedUp = migrated("reversearrays", "array-per-file", files, EXAMPLE.resolve("schema"),
                EXAMPLE.resolve("mapping.json"));
        try (Connection app = TestRuns.target("reversearrays")) {
            execute(app,
                    "UPDATE users SET address_city = 'Lisbon', address_geo_lat = 38.7223 WHERE id = 1",
                    "UPDATE posts SET tags = ARRAY['moved'], views = views + 1 WHERE id = 2",
                    "DELETE FROM comments WHERE id = 3",
                    "INSERT INTO users (id, name, username, email, created_at, active, company, address_city) VALUES "
                            + "(9001, 'New Person', 'newp', 'new@example.org', '2025-03-02T08:30:00Z', true,"
                            + " '{\"name\": \"Fresh\"}', 'Porto')",
                    "INSERT INTO comments (id, post_id, name, email, body, created_at) VALUES "
                            + "(9002, 2, 'Late', 'late@example.org', 'written on PostgreSQL', '2025-03-03T09:00:00Z')");
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection app = TestRuns.target("reversearrays")) {
            tables.put("users", rows(app, "SELECT id, name, email, address_city, address_geo_lat::float8, "
                    + "company::text, active FROM users ORDER BY id"));
            tables.put("posts", rows(app, "SELECT id, user_id, title, array_to_json(tags)::text, views FROM posts "
                    + "ORDER BY id"));
            tables.put("comments", rows(app, "SELECT id, post_id, name, body FROM comments ORDER BY id"));
        }

        ReverseSyncExported exported = rollBack(backedUp);

        assertThat(exported.snapshot().layout()).isEqualTo("array-per-file");
        assertThat(CollectionSync.totalWrites(exported.collections())).isEqualTo(5);
        Map<String, List<String>> inFiles = new LinkedHashMap<>();
        inFiles.put("users", records(exported, "users.json", r -> java.util.Arrays.asList(r.get("id"), r.get("name"), r.get("email"),
                r.path("address").get("city"), r.path("address").path("geo").get("lat"), r.get("company"),
                r.get("active"))));
        inFiles.put("posts", records(exported, "posts.json", r -> java.util.Arrays.asList(r.get("id"), r.get("userId"),
                r.get("title"), r.get("tags"), r.get("views"))));
        inFiles.put("comments", records(exported, "comments.json", r -> java.util.Arrays.asList(r.get("id"), r.get("postId"),
                r.get("name"), r.get("body"))));
        assertThat(inFiles).as("the files hold what the tables held at the rollback").isEqualTo(tables);

        String users = new String(exported(exported, "users.json"), StandardCharsets.UTF_8);
        String posts = new String(exported(exported, "posts.json"), StandardCharsets.UTF_8);
        String comments = new String(exported(exported, "comments.json"), StandardCharsets.UTF_8);
        for (int i = 1; i < blog.get("users").size(); i++) {
            assertThat(users).contains(stringify(blog.get("users").get(i), "    ", 1));
        }
        assertThat(users).startsWith("[\n    {\n        \"id\": 1,\n").endsWith("\n    }\n]\n")
                .contains("\"city\": \"Lisbon\"", "\"lat\": 38.7223", "\n    {\n        \"id\": 9001,\n");
        for (int i = 0; i < blog.get("posts").size(); i++) {
            if (i != 1) {
                assertThat(posts).contains(stringify(blog.get("posts").get(i), "\t", 1));
            }
        }
        assertThat(posts).contains("\n\t{\n\t\t\"id\": 2,\n", "\"tags\": [\n\t\t\t\"moved\"\n\t\t]")
                .endsWith("\n\t}\n]\n");
        assertThat(comments).doesNotContain("\n").startsWith("[{\"id\":1,").endsWith(
                "{\"id\":9002,\"postId\":2,\"name\":\"Late\",\"email\":\"late@example.org\","
                        + "\"body\":\"written on PostgreSQL\",\"createdAt\":\"2025-03-03T09:00:00.000Z\"}]");
        for (int i = 0; i < blog.get("comments").size(); i++) {
            if (i != 2) {
                assertThat(comments).contains(stringify(blog.get("comments").get(i), "", 0));
            }
        }
    }

    @Test
    void everyWriteCommittedBeforeTheFenceIsExportedAndEveryLaterOneFails() throws Exception {
        byte[] db = Files.readAllBytes(EXAMPLE.resolve("data/db.json"));
        EventEnvelope backedUp = migrated("reversewriter", db);
        String fence = "jsonmig rollback " + backedUp.migrationId() + " in progress: writes go to the JSON files";
        List<Integer> committed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<String> refused = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection app = TestRuns.target("reversewriter")) {
                for (int id = 100_000; refused.get() == null; id++) {
                    try {
                        execute(app, "INSERT INTO comments (id, post_id, name, email, body, created_at) VALUES ("
                                + id + ", 1, 'w', 'w@example.org', 'written while rolling back', now())");
                        committed.add(id);
                    } catch (java.sql.SQLException e) {
                        refused.set(e.getMessage());
                    }
                }
            } catch (java.sql.SQLException e) {
                refused.compareAndSet(null, "cannot connect: " + e.getMessage());
            }
        }, "application-writer");
        writer.start();
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> committed.size() >= 20);

        ReverseSyncExported exported = rollBack(backedUp);
        writer.join(TIMEOUT.toMillis());

        assertThat(refused.get()).contains(fence);
        JsonNode comments = JSON.readTree(exportedDb(exported)).get("comments");
        List<Integer> exportedIds = new java.util.ArrayList<>();
        comments.forEach(c -> exportedIds.add(c.get("id").asInt()));
        assertThat(exportedIds).doesNotHaveDuplicates();
        assertThat(exportedIds.stream().filter(id -> id >= 100_000).toList()).isEqualTo(committed);
        assertThat(exported.collections().get(2).inserted()).isEqualTo(committed.size());
    }

    @Test
    void childTablesComeBackAsArraysAndQuarantinedRecordsAsTheyWere() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("reverse-children-schema"));
        Files.writeString(schema.resolve("V1__tables.sql"), """
                CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
                CREATE TABLE post_comments (post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                                            position integer NOT NULL, body text NOT NULL, created_at timestamptz,
                                            extra jsonb, PRIMARY KEY (post_id, position));
                CREATE TABLE post_tags (post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                                        position integer NOT NULL, tag text NOT NULL, PRIMARY KEY (post_id, position));
                """);
        Path mapping = Files.writeString(workDir.resolve("reverse-children.yaml"), """
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
        String lines = """
                {"id":1,"title":"one","comments":[{"text":"a","at":1700000000},{"text":"b","mood":"glad"}],"tags":["x","y"]}
                {"id":2,"title":"two","comments":[],"tags":null}
                {"id":"not a number","title":"bad"}
                {"id":3,"title":"three","comments":[{"text":"c"},{"text":"d","at":"yesterday"},{"text":"e"}],"tags":["z"]}
                """;
        byte[] ndjson = lines.getBytes(StandardCharsets.UTF_8);
        EventEnvelope backedUp = migrated("reversechildren", "ndjson", Map.of("posts.ndjson", ndjson), schema, mapping);
        try (Connection app = TestRuns.target("reversechildren")) {
            execute(app, "UPDATE post_comments SET body = 'A', created_at = to_timestamp(1700000060) "
                            + "WHERE post_id = 1 AND position = 0",
                    "INSERT INTO post_tags VALUES (3, 1, 'w')",
                    "DELETE FROM posts WHERE id = 2",
                    "INSERT INTO posts VALUES (4, 'four')",
                    "UPDATE post_comments SET extra = '{\"mood\": \"sad\", \"tone\": \"dry\"}' "
                            + "WHERE post_id = 1 AND position = 1",
                    "INSERT INTO post_comments (post_id, position, body, extra) VALUES (4, 0, 'new', '{\"lang\": \"en\"}')",
                    "INSERT INTO post_tags VALUES (4, 0, 'n')");
        }

        ReverseSyncExported exported = rollBack(backedUp);

        String written = new String(exported(exported, "posts.ndjson"), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo("""
                {"id":1,"title":"one","comments":[{"text":"A","at":1700000060},{"text":"b","mood":"sad","tone":"dry"}],"tags":["x","y"]}
                {"id":"not a number","title":"bad"}
                {"id":3,"title":"three","comments":[{"text":"c"},{"text":"d","at":"yesterday"},{"text":"e"}],"tags":["z","w"]}
                {"id":4,"title":"four","comments":[{"text":"new","lang":"en"}],"tags":["n"]}
                """);
        CollectionSync posts = exported.collections().get(0);
        assertThat(List.of(posts.unchanged(), posts.updated(), posts.inserted(), posts.deleted(), posts.rejectsKept()))
                .containsExactly(0L, 2L, 1L, 1L, 1L);
        assertThat(exported.rejectPositions()).containsEntry("posts", List.of(1L))
                .containsEntry("posts.comments", List.of(2L));

        // a retry loads the files as they are now into the same tables; what PostgreSQL held is archived
        BackupCompleted first = backedUp.payloadAs(BackupCompleted.class);
        EventEnvelope retried = EventEnvelope.of(backedUp.migrationId(), 2, "backup-service", "",
                new BackupCompleted(first.spec(), exported.snapshot()), Instant.now());
        probe.publish(retried);
        probe.awaitMatching(backedUp.migrationId(), e -> e.type() == EventType.DATA_MIGRATED && e.attempt() == 2,
                "data.migrated of attempt 2", TIMEOUT);
        try (Connection app = TestRuns.target("reversechildren");
             var s = app.createStatement()) {
            var archived = s.executeQuery("SELECT count(*) FROM jsonmig_archive.posts_a1_"
                    + backedUp.migrationId().substring(backedUp.migrationId().length() - 4));
            archived.next();
            assertThat(archived.getLong(1)).as("rows the application held at the fence").isEqualTo(3);
            var loaded = s.executeQuery("SELECT string_agg(id || ':' || title, ',' ORDER BY id) FROM posts");
            loaded.next();
            assertThat(loaded.getString(1)).isEqualTo("1:one,3:three,4:four");
            execute(app, "UPDATE posts SET title = 'writable again' WHERE id = 4"); // no fence any more
        }
    }

    @Test
    void aRunWithAWindowWhoseTableHasNoPrimaryKeyIsRefusedBeforeItLoads() throws Exception {
        Path schema = Files.createDirectories(workDir.resolve("irreversible-schema"));
        Files.writeString(schema.resolve("V1__tables.sql"), "CREATE TABLE notes (id integer, text text)");
        Path mapping = Files.writeString(workDir.resolve("irreversible.yaml"), """
                collections:
                  notes: {table: notes, columns: {id: id, text: text}}
                """);
        byte[] ndjson = "{\"id\":1,\"text\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
        EventEnvelope backedUp = backedUp("irreversible", "ndjson", Map.of("notes.ndjson", ndjson), schema, mapping,
                spec -> spec.withStabilization(io.jsonmig.events.payload.Stabilization.of(Duration.ofHours(72))));
        probe.publish(backedUp);

        var failed = probe.await(backedUp.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(io.jsonmig.events.payload.PhaseFailed.class);
        assertThat(failed.reason()).contains("cannot be reversed", "table public.notes of collection 'notes' has no "
                + "primary key");
        try (Connection target = TestRuns.target("irreversible"); var s = target.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM notes")) {
            rows.next();
            assertThat(rows.getLong(1)).as("nothing loaded").isZero();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** As JavaScript's {@code JSON.stringify(value, null, indent)} writes it, for a value at {@code depth}. */
    private static String stringify(JsonNode value, String indent, int depth) {
        String inner = indent.isEmpty() ? "" : "\n" + indent.repeat(depth + 1);
        String close = indent.isEmpty() ? "" : "\n" + indent.repeat(depth);
        if (value.isObject() && !value.isEmpty()) {
            List<String> fields = new java.util.ArrayList<>();
            value.properties().forEach(f -> fields.add(inner + TextValue.quote(f.getKey()) + (indent.isEmpty() ? ":"
                    : ": ") + stringify(f.getValue(), indent, depth + 1)));
            return "{" + String.join(",", fields) + close + "}";
        }
        if (value.isArray() && !value.isEmpty()) {
            List<String> elements = new java.util.ArrayList<>();
            value.forEach(e -> elements.add(inner + stringify(e, indent, depth + 1)));
            return "[" + String.join(",", elements) + close + "]";
        }
        return value.isTextual() ? TextValue.quote(value.textValue()) : value.toString();
    }

    private static final class TextValue {
        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text, out);
            return out.append('"').toString();
        }
    }

    /** Each row as the JSON texts of its columns (numbers, booleans and JSON as JSON), in the query's order. */
    private static List<String> rows(Connection connection, String query) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (var s = connection.createStatement(); var rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<JsonNode> values = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String text = rs.getString(i);
                    int type = rs.getMetaData().getColumnType(i);
                    boolean json = rs.getMetaData().getColumnTypeName(i).equals("text") && text != null
                            && (text.startsWith("{") || text.startsWith("["));
                    values.add(text == null ? com.fasterxml.jackson.databind.node.NullNode.instance
                            : json ? JSON.readTree(text)
                            : type == java.sql.Types.BIT || type == java.sql.Types.BOOLEAN
                            ? JSON.getNodeFactory().booleanNode(rs.getBoolean(i))
                            : type == java.sql.Types.INTEGER || type == java.sql.Types.DOUBLE
                            ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text));
                }
                rows.add(canonical(values));
            }
        }
        return rows;
    }

    /** The export's records of one file, each as the listed fields' values, in file order sorted by id. */
    private List<String> records(ReverseSyncExported exported, String file,
                                 java.util.function.Function<JsonNode, List<JsonNode>> fields) throws IOException {
        List<JsonNode> records = new java.util.ArrayList<>();
        JSON.readTree(exported(exported, file)).forEach(records::add);
        records.sort(java.util.Comparator.comparingLong(r -> r.get("id").asLong()));
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode record : records) {
            values.add(canonical(fields.apply(record).stream().map(v -> v == null
                    ? (JsonNode) com.fasterxml.jackson.databind.node.NullNode.instance : v).toList()));
        }
        return values;
    }

    /** A list of values compared by meaning: numbers by value, objects whatever their key order. */
    private static String canonical(List<JsonNode> values) {
        return values.stream().map(v -> v.isNumber() ? new java.math.BigDecimal(v.asText()).stripTrailingZeros()
                .toPlainString() : v.isObject() ? new java.util.TreeMap<>(JSON.convertValue(v, Map.class)).toString()
                : v.toString()).toList().toString();
    }

    /** The snapshot's text of record {@code position} of {@code collection}, as the file holds it. */
    private static String recordText(byte[] db, String collection, int position) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "db");
        Path file = Files.write(dir.resolve("db.json"), db);
        var ranges = io.jsonmig.support.source.RecordRanges.of(new io.jsonmig.support.source.SourceSet(dir,
                io.jsonmig.support.source.SourceLayout.DB_JSON, List.of(file)), file, java.util.Set.of(), (c, p, r) -> {
        });
        var range = ranges.stream().filter(r -> r.collection().equals(collection)).findFirst().orElseThrow();
        return new String(db, (int) range.starts()[position], (int) (range.ends()[position] - range.starts()[position]),
                StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ReverseSyncExported rollBack(EventEnvelope backedUp) {
        probe.publish(EventEnvelope.of(backedUp.migrationId(), 1, "cli", "operator", RollbackRequested.afterCutover(
                RollbackTrigger.INTEGRITY, "totals differ in the shop", backedUp.payloadAs(BackupCompleted.class).spec()),
                Instant.now()));
        return probe.await(backedUp.migrationId(), EventType.REVERSE_SYNC_EXPORTED, TIMEOUT)
                .payloadAs(ReverseSyncExported.class);
    }

    /** The export's db.json, decoded as any reader of a snapshot decodes it. */
    private byte[] exportedDb(ReverseSyncExported exported) throws IOException {
        return exported(exported, "db.json");
    }

    private byte[] exported(ReverseSyncExported exported, String file) throws IOException {
        try (var in = codec.open(exported.snapshot().filesDirectory().resolve(file), exported.snapshot().storage())) {
            return in.readAllBytes();
        }
    }

    /** Loads {@code db} as the cut-over snapshot of a new run on {@code profile}, with the blog's schema and mapping. */
    private static EventEnvelope migrated(String profile, byte[] db) throws IOException {
        return migrated(profile, "db-json", Map.of("db.json", db), EXAMPLE.resolve("schema"),
                EXAMPLE.resolve("mapping.json"));
    }

    /** A snapshot with its manifest, as backup-service writes one, loaded by a new run on {@code profile}. */
    private static EventEnvelope migrated(String profile, String layout, Map<String, byte[]> contents, Path schema,
                                          Path mapping) throws IOException {
        EventEnvelope event = backedUp(profile, layout, contents, schema, mapping, spec -> spec);
        probe.publish(event);
        probe.await(event.migrationId(), EventType.DATA_MIGRATED, TIMEOUT);
        return event;
    }

    /** The backup.completed of a new run on {@code profile} whose snapshot (with its manifest) holds {@code contents}. */
    private static EventEnvelope backedUp(String profile, String layout, Map<String, byte[]> contents, Path schema,
                                          Path mapping, java.util.function.UnaryOperator<RunSpec> options)
            throws IOException {
        String id = MigrationIds.newId(Clock.systemUTC());
        Path snapshot = workDir.resolve("snapshots").resolve(id + "-a1");
        Path files = Files.createDirectories(snapshot.resolve("files"));
        List<ManifestFile> entries = new java.util.ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(contents).entrySet()) {
            Files.write(files.resolve(file.getKey()), file.getValue());
            String sha = FileHashes.sha256(file.getValue());
            entries.add(new ManifestFile(file.getKey(), file.getValue().length, sha, "rw-r--r--", Instant.now(),
                    file.getValue().length, sha));
            bytes += file.getValue().length;
        }
        var index = JsonRecords.index(SourceScanner.scan(files));
        Map<String, Long> offsets = layout.equals("db-json") ? index.offsets() : null;
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id + "-a1", id, 1, "localhost", workDir.toString(),
                Instant.now(), layout, SnapshotStorage.PLAIN, entries, index.counts(), offsets);
        byte[] manifestBytes = io.jsonmig.events.serde.EventJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest);
        Files.write(snapshot.resolve(Manifest.FILE_NAME), manifestBytes);
        RunSpec spec = options.apply(new RunSpec(workDir.toString(), schema.toString(), mapping.toString(), profile,
                "reverse-sync-test").withRejectThreshold(new io.jsonmig.events.payload.RejectThreshold(5L, null)));
        SnapshotSummary summary = new SnapshotSummary(id + "-a1", snapshot.toString(), layout, contents.size(), bytes,
                index.counts(), FileHashes.sha256(manifestBytes), SnapshotStorage.PLAIN, offsets);
        return EventEnvelope.of(id, 1, "backup-service", "", new BackupCompleted(spec, summary), Instant.now());
    }
}
