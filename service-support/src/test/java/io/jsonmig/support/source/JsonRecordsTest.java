package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRecordsTest {

    @TempDir
    Path dir;

    @Test
    void readsOneCollectionWithItsPositionsAndExactDecimals() throws IOException {
        Files.writeString(dir.resolve("db.json"), """
                {"users": [{"id": 1}, {"id": 2}],
                 "points": [{"x": 3.14159265358979323846, "y": 1.10}, {"x": 1e400, "y": -0.0955}]}""");
        List<String> seen = new ArrayList<>();

        long records = JsonRecords.read(SourceScanner.scan(dir), "points",
                (collection, position, record) -> seen.add(collection + " " + position + " " + decimals(record)));

        assertThat(records).isEqualTo(2);
        assertThat(seen).containsExactly("points 0 3.14159265358979323846 1.10", "points 1 1E+400 -0.0955");
    }

    @Test
    void readsTheFileOfACollectionInTheOneFilePerCollectionLayouts() throws IOException {
        Files.writeString(dir.resolve("users.ndjson"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        Files.writeString(dir.resolve("posts.ndjson"), "{\"id\": 1}\n");
        SourceSet source = SourceScanner.scan(dir);

        assertThat(JsonRecords.read(source, "users", (c, p, r) -> { })).isEqualTo(3);
        assertThat(JsonRecords.read(source, "posts", (c, p, r) -> { })).isEqualTo(1);
    }

    @Test
    void countsEveryCollectionWithoutBuildingRecords() throws IOException {
        Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1}, {\"id\": 2}], \"posts\": []}");

        assertThat(JsonRecords.count(SourceScanner.scan(dir)))
                .containsExactly(java.util.Map.entry("users", 2L), java.util.Map.entry("posts", 0L));
    }

    @Test
    void aRecordNestedBeyondTheStatedLimitIsNamedAndOneWithinItIsRead() throws IOException {
        String within = "{\"v\":".repeat(200) + "1" + "}".repeat(200);
        Files.writeString(dir.resolve("deep.ndjson"), "{\"doc\": " + within + "}\n");
        assertThat(JsonRecords.read(SourceScanner.scan(dir), "deep", (c, p, r) -> { })).isEqualTo(1);

        String beyond = "[".repeat(JsonRecords.LIMITS.getMaxNestingDepth() + 1)
                + "]".repeat(JsonRecords.LIMITS.getMaxNestingDepth() + 1);
        Path file = Files.writeString(dir.resolve("deep.ndjson"), "{\"doc\": " + beyond + "}\n");
        assertThatThrownBy(() -> JsonRecords.count(SourceScanner.scan(dir)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 1, column")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void invalidJsonIsNamedByFileLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("db.json"), "{\"users\": [\n  {\"id\": 1,}\n]}");

        assertThatThrownBy(() -> JsonRecords.count(SourceScanner.scan(dir)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining(file.toRealPath().toString())
                .hasMessageContaining("line 2, column");
    }

    @Test
    void aFieldRepeatedInARecordIsAnErrorNotASilentlyDroppedValue() throws IOException {
        Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1, \"name\": \"a\", \"name\": \"b\"}]}");

        assertThatThrownBy(() -> JsonRecords.count(SourceScanner.scan(dir)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("Duplicate field 'name'")
                .hasMessageContaining("line 1");
    }

    @Test
    void aRecordThatIsNotAnObjectIsNamedByFileAndPosition() throws IOException {
        Path file = Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1}, 42]}");

        assertThatThrownBy(() -> JsonRecords.read(SourceScanner.scan(dir), "users", (c, p, r) -> { }))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("record 1 of collection 'users'");
    }

    @Test
    void everyFileIsReadThroughTheSourceSetsOpener() throws IOException {
        Path users = Files.writeString(dir.resolve("users.json"), "ignored on disk");
        Path posts = Files.writeString(dir.resolve("posts.json"), "ignored on disk");
        List<Path> opened = new ArrayList<>();
        SourceSet source = new SourceSet(dir, SourceLayout.ARRAY_PER_FILE, List.of(posts, users), file -> {
            opened.add(file);
            String json = file.equals(users) ? "[{\"id\": 1}, {\"id\": 2}]" : "[{\"id\": 9}]";
            return new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });

        assertThat(JsonRecords.count(source)).containsExactly(java.util.Map.entry("posts", 1L),
                java.util.Map.entry("users", 2L));
        assertThat(opened).containsExactly(posts, users);
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws IOException {
        Files.write(dir.resolve("db.json"), withByteOrderMark("{\"users\": [{\"id\": 1}]}"));

        assertThat(JsonRecords.count(SourceScanner.scan(dir))).containsExactly(java.util.Map.entry("users", 1L));
    }

    @Test
    void aCollectionOfADbJsonIsReadFromTheOffsetItsIndexNotedWithTheSameRecordsAsFromTheStart() throws IOException {
        byte[] withBom = withByteOrderMark("{\"users\": [{\"id\": 1, \"name\": \"Zoë 🎉\"}, {\"id\": 2}],\n"
                + " \"posts\": [{\"id\": 7, \"body\": \"a \\\"quote\\\"\"}, {\"id\": 8}, {\"id\": 9}]}");
        Files.write(dir.resolve("db.json"), withBom);
        SourceSet plain = SourceScanner.scan(dir);

        JsonRecords.SourceIndex index = JsonRecords.index(plain);
        SourceSet indexed = plain.withCollectionOffsets(index.offsets());

        assertThat(index.counts()).containsExactly(java.util.Map.entry("users", 2L), java.util.Map.entry("posts", 3L));
        assertThat(withBom[(int) (long) index.offsets().get("posts")]).isEqualTo((byte) '[');
        for (String collection : List.of("users", "posts")) {
            assertThat(records(indexed, collection, 1)).isEqualTo(records(plain, collection, 1))
                    .hasSize(index.counts().get(collection).intValue() - 1);
        }
    }

    @Test
    void offsetsThatLeadToNoArrayFallBackToReadingTheFileFromItsStart() throws IOException {
        Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1}], \"posts\": [{\"id\": 2}]}");
        SourceSet wrong = SourceScanner.scan(dir).withCollectionOffsets(java.util.Map.of("posts", 3L));

        assertThat(records(wrong, "posts", 0)).containsExactly("0 {\"id\":2}");
    }

    @Test
    void invalidJsonAfterAGoodOffsetFailsNamingTheCollectionAndNoRecordIsHandedOnTwice() throws IOException {
        Path file = dir.resolve("db.json");
        Files.writeString(file, "{\"users\": [{\"id\": 1}], \"posts\": [{\"id\": 2}, {\"id\": 3}]}");
        SourceSet indexed = SourceScanner.scan(dir).withCollectionOffsets(JsonRecords.index(SourceScanner.scan(dir)).offsets());
        Files.writeString(file, "{\"users\": [{\"id\": 1}], \"posts\": [{\"id\": 2}, {\"id\" 3}]}");
        List<Long> seen = new ArrayList<>();

        assertThatThrownBy(() -> JsonRecords.read(indexed, "posts", 0, (position, record, bytes) -> seen.add(position)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("invalid JSON in collection 'posts'")
                .hasMessageContaining("counted from there");
        assertThat(seen).containsExactly(0L);
    }

    @Test
    void aStreamedRecordIsReadTokenByTokenAndItsBytesGiveTheSameTree() throws IOException {
        Files.writeString(dir.resolve("items.ndjson"), "{\"id\": 1, \"tags\": [\"a\", {\"b\": 2.50}]}\n"
                + "{\"id\": 2, \"text\": \"ünïcödé\\n\"}\n");
        List<String> trees = new ArrayList<>();
        List<String> fields = new ArrayList<>();

        long records = JsonRecords.stream(SourceScanner.scan(dir), "items", 0, (position, parser, start, bytes) -> {
            long from = parser.currentTokenLocation().getByteOffset();
            bytes.keepFrom(from);
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
                fields.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            trees.add(bytes.record(from, parser.currentLocation().getByteOffset()).toString());
        });

        assertThat(records).isEqualTo(2);
        assertThat(fields).containsExactly("id", "tags", "id", "text");
        assertThat(trees).containsExactly("{\"id\":1,\"tags\":[\"a\",{\"b\":2.50}]}", "{\"id\":2,\"text\":\"ünïcödé\\n\"}");
    }

    @Test
    void aHandlerThatLeavesItsRecordUnfinishedIsStopped() throws IOException {
        Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1}]}");

        assertThatThrownBy(() -> JsonRecords.stream(SourceScanner.scan(dir), "users", 0, (p, parser, s, b) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("left record 0 unfinished");
    }

    /** The records from a position on, as "position json", read with the tree reader. */
    private static List<String> records(SourceSet source, String collection, long from) {
        List<String> seen = new ArrayList<>();
        JsonRecords.read(source, collection, from, (position, record, bytes) -> seen.add(position + " " + record));
        return seen;
    }

    /** The UTF-8 bytes of the text after a byte order mark. */
    private static byte[] withByteOrderMark(String json) {
        byte[] text = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        return bytes;
    }

    private static String decimals(ObjectNode record) {
        return record.get("x").decimalValue().toString() + " " + record.get("y").decimalValue().toString();
    }
}
