package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void countsFollowJsonPlaceholdersProportions() {
        PlaceholderScale twice = PlaceholderScale.ofRecords(2 * PlaceholderCollection.RECORDS_PER_UNIT);
        assertThat(twice.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                PlaceholderCollection.USERS, 20L, PlaceholderCollection.POSTS, 200L,
                PlaceholderCollection.COMMENTS, 1000L, PlaceholderCollection.ALBUMS, 200L,
                PlaceholderCollection.PHOTOS, 10_000L, PlaceholderCollection.TODOS, 400L));

        PlaceholderScale million = PlaceholderScale.ofRecords(1_000_000);
        assertThat(million.total()).isBetween(999_995L, 1_000_005L);
        assertThat(million.count(PlaceholderCollection.PHOTOS)).isEqualTo(846_024L);
        assertThat(PlaceholderScale.ofRecords(6).counts().values()).allMatch(n -> n >= 1);
        assertThatThrownBy(() -> PlaceholderScale.ofRecords(5)).hasMessageContaining("one per collection");
    }

    @Test
    void writesADbJsonThatTheServicesReadWithEveryRecordAndTheSameRecordsAsCsv() throws IOException {
        PlaceholderScale scale = PlaceholderScale.ofRecords(3 * PlaceholderCollection.RECORDS_PER_UNIT);
        Path csvDir = Files.createDirectory(dir.resolve("csv"));
        Path source = Files.createDirectory(dir.resolve("source"));
        PlaceholderGenerator.Generated generated = PlaceholderGenerator.generate(source.resolve("db.json"), csvDir,
                scale, 7);

        SourceSet scanned = SourceScanner.scan(source);
        assertThat(scanned.layout()).isEqualTo(SourceLayout.DB_JSON);
        Map<String, Long> counts = JsonRecords.count(scanned);
        for (PlaceholderCollection c : PlaceholderCollection.values()) {
            assertThat(counts).containsEntry(c.collectionName(), scale.count(c));
            assertThat(generated.records()).containsEntry(c, scale.count(c));
            assertThat(csvLines(generated.csvFiles().get(c))).as(c + " CSV rows").isEqualTo(scale.count(c));
        }
        assertThat(counts).hasSize(6);
        assertThat(generated.totalRecords()).isEqualTo(scale.total());
        assertThat(generated.bytes()).isEqualTo(Files.size(source.resolve("db.json")));

        JsonNode db = JSON.readTree(source.resolve("db.json").toFile());
        JsonNode user = db.get("users").get(0);
        assertThat(fieldNames(user)).containsExactly("id", "name", "username", "email", "address", "phone",
                "website", "company");
        assertThat(fieldNames(user.get("address"))).containsExactly("street", "suite", "city", "zipcode", "geo");
        assertThat(fieldNames(user.get("address").get("geo"))).containsExactly("lat", "lng");
        assertThat(user.get("address").get("geo").get("lat").isNumber()).isTrue();
        assertThat(fieldNames(user.get("company"))).containsExactly("name", "catchPhrase", "bs");
        assertThat(fieldNames(db.get("posts").get(0))).containsExactly("userId", "id", "title", "body");
        assertThat(fieldNames(db.get("comments").get(0))).containsExactly("postId", "id", "name", "email", "body");
        assertThat(fieldNames(db.get("albums").get(0))).containsExactly("userId", "id", "title");
        assertThat(fieldNames(db.get("photos").get(0))).containsExactly("albumId", "id", "title", "url", "thumbnailUrl");
        assertThat(fieldNames(db.get("todos").get(0))).containsExactly("userId", "id", "title", "completed");

        // ids 1..n, every reference to an existing parent
        assertReferences(db, "posts", "userId", scale.count(PlaceholderCollection.USERS));
        assertReferences(db, "comments", "postId", scale.count(PlaceholderCollection.POSTS));
        assertReferences(db, "albums", "userId", scale.count(PlaceholderCollection.USERS));
        assertReferences(db, "photos", "albumId", scale.count(PlaceholderCollection.ALBUMS));
        assertReferences(db, "todos", "userId", scale.count(PlaceholderCollection.USERS));

        String text = Files.readString(source.resolve("db.json"), StandardCharsets.UTF_8);
        // as JSON.stringify writes them: emoji as themselves, not as escaped surrogate pairs
        assertThat(text).as("non-ASCII text and escapes").contains("café", "日本語", "😀", "\\n",
                "\\\"quoted\\\"", "back\\\\slash").doesNotContain("\\uD83D");
        // lowdb's layout: JSON.stringify(data, null, 2)
        assertThat(text).startsWith("{\n  \"users\": [\n    {\n      \"id\": 1,\n      \"name\": ")
                .contains("\n    },\n    {\n      \"id\": 2,").contains("\n  ],\n  \"posts\": [\n    {\n      \"userId\": ")
                .endsWith("\n    }\n  ]\n}").doesNotContain(" : ");
        assertThat(db.get("todos").findValuesAsText("title")).anyMatch(t -> t.contains("😀"));
        assertThat(db.get("users").findValues("website")).anyMatch(JsonNode::isNull);

        // the CSV row is the same record, flattened: address into columns, company as JSON text
        String firstUserRow = Files.readAllLines(generated.csvFiles().get(PlaceholderCollection.USERS)).get(0);
        assertThat(firstUserRow).startsWith("\"1\",\"" + user.get("name").asText() + "\"")
                .contains("\"" + user.get("address").get("geo").get("lat").decimalValue().toPlainString() + "\"")
                .endsWith("\"" + JSON.writeValueAsString(user.get("company")).replace("\"", "\"\"") + "\"");
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        PlaceholderScale scale = new PlaceholderScale(1);
        List<String> first = hashes(generate("a", scale, 7));
        List<String> again = hashes(generate("b", scale, 7));
        List<String> other = hashes(generate("c", scale, 8));

        assertThat(again).isEqualTo(first);
        assertThat(other).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aSizeInBytesGivesADbJsonOfAboutThatSize() throws IOException {
        long target = 8L << 20;
        PlaceholderScale scale = PlaceholderGenerator.scaleForBytes(target, 42);
        PlaceholderGenerator.Generated generated = PlaceholderGenerator.generate(
                Files.createDirectory(dir.resolve("sized")).resolve("db.json"), null, scale, 42);

        assertThat(generated.bytes()).isBetween((long) (target * 0.97), (long) (target * 1.03));
        assertThat(generated.csvFiles()).isEmpty();
    }

    private PlaceholderGenerator.Generated generate(String name, PlaceholderScale scale, long seed) throws IOException {
        Path d = Files.createDirectory(dir.resolve(name));
        return PlaceholderGenerator.generate(d.resolve("db.json"), Files.createDirectory(d.resolve("csv")), scale, seed);
    }

    private static List<String> hashes(PlaceholderGenerator.Generated generated) throws IOException {
        List<String> hashes = new java.util.ArrayList<>(List.of(FileHashes.sha256(generated.dbJson())));
        for (Path csv : generated.csvFiles().values()) {
            hashes.add(FileHashes.sha256(csv));
        }
        return hashes;
    }

    private static void assertReferences(JsonNode db, String collection, String field, long parents) {
        JsonNode records = db.get(collection);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("id").asLong()).isEqualTo(i + 1L);
            assertThat(records.get(i).get(field).asLong()).as(collection + "[" + i + "]." + field).isBetween(1L, parents);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** CSV records, not lines: bodies hold newlines inside quoted fields. */
    private static long csvLines(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        long rows = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                rows++;
            }
        }
        return rows;
    }
}
