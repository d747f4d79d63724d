package io.jsonmig.migration.plan;

import io.jsonmig.migration.TargetProfilesResource;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class PlanResourceTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Children before parents, camelCase fields, nested objects, one field and one collection without a place. */
    private static final String DB_JSON = """
            {
              "blogPosts": [
                {"id": 10, "authorId": 1, "title": "Hello", "meta": {"draft": false}},
                {"id": 11, "authorId": 2, "title": "Again", "meta": null}
              ],
              "authors": [
                {"id": 1, "fullName": "Ada", "address": {"street": "Main St", "geo": {"lat": 51.5, "lng": -0.12}},
                 "profile": {"bio": "first"}, "tags": ["math", "engines"], "createdAt": "2024-03-01T10:00:00Z"},
                {"id": 2, "fullName": "Bob", "address": null, "profile": null, "tags": [], "createdAt": null,
                 "twitterHandle": "@bob"}
              ],
              "tagsCloud": [
                {"tag": "math"}
              ]
            }""";

    private static final String SCHEMA = """
            CREATE TABLE authors (
                id integer PRIMARY KEY,
                full_name text NOT NULL,
                name_upper text GENERATED ALWAYS AS (upper(full_name)) STORED,
                address_street text,
                address_geo_lat numeric(9,6),
                address_geo_lng numeric(9,6),
                profile jsonb,
                tags text[],
                created_at timestamptz,
                nickname text,
                legacy_code text NOT NULL,
                row_version integer NOT NULL DEFAULT 1);
            CREATE TABLE blog_posts (
                id integer PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                author_id integer NOT NULL REFERENCES authors (id),
                title text,
                meta text);
            """;

    private static Path workDir;

    @BeforeAll
    static void prepare() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-plan-test-").toRealPath();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void thePlanMapsEveryFieldItCanParentsFirstAndListsWhatIsLeft() throws Exception {
        try (Connection target = target("inference"); Statement s = target.createStatement()) {
            s.execute(SCHEMA);
        }
        Path source = source("blog", DB_JSON);

        JsonNode plan = json(post(Map.of("sourceDir", source.toString(), "targetProfile", "inference"))
                .then().statusCode(200).extract().asString());

        assertThat(plan.get("sourceDir").asText()).isEqualTo(source.toString());
        assertThat(plan.get("defaultSchema").asText()).isEqualTo("public");
        JsonNode collections = plan.get("mapping").get("collections");
        assertThat(names(collections)).as("load order: parents first").containsExactly("authors", "blogPosts");
        assertThat(collections.get("authors").get("table").asText()).isEqualTo("authors");
        assertThat(JSON.convertValue(collections.get("authors").get("columns"), Map.class)).isEqualTo(pairs(
                "id", "id", "fullName", "full_name", "address.street", "address_street",
                "address.geo.lat", "address_geo_lat", "address.geo.lng", "address_geo_lng", "profile", "profile",
                "tags", "tags", "createdAt", "created_at"));
        assertThat(names(collections.get("authors").get("columns"))).containsExactly("id", "fullName",
                "address.street", "address.geo.lat", "address.geo.lng", "profile", "tags", "createdAt");
        assertThat(collections.get("blogPosts").get("table").asText()).isEqualTo("blog_posts");
        assertThat(JSON.convertValue(collections.get("blogPosts").get("columns"), Map.class))
                .isEqualTo(pairs("id", "id", "authorId", "author_id", "title", "title"));

        List<String> unmappedFields = new ArrayList<>();
        plan.get("unmappedFields").forEach(f -> unmappedFields.add(f.get("collection").asText() + " "
                + f.get("path").asText() + " " + f.get("kind").asText() + " " + f.get("examplePosition").asLong()));
        assertThat(unmappedFields).containsExactly("blogPosts meta object 0", "authors twitterHandle string 1");
        assertThat(plan.get("unmappedFields").get(0).get("reason").asText())
                .isEqualTo("column meta is text: an object needs a json or jsonb column "
                        + "(or columns named <field>_<inner> for its fields)");
        assertThat(plan.get("unmappedFields").get(1).get("reason").asText())
                .contains("twitterHandle or twitter_handle", "public.authors");

        List<String> unmappedColumns = new ArrayList<>();
        plan.get("unmappedColumns").forEach(c -> unmappedColumns.add(c.get("collection").asText() + " "
                + c.get("table").asText() + "."
                + c.get("column").asText() + " " + c.get("type").asText() + " nullable=" + c.get("nullable").asBoolean()
                + " default=" + c.get("defaultValue").asText() + " required=" + c.get("required").asBoolean()));
        assertThat(unmappedColumns).containsExactly(
                "authors public.authors.nickname text nullable=true default=null required=false",
                "authors public.authors.legacy_code text nullable=false default=null required=true",
                "authors public.authors.row_version integer nullable=false default=1 required=false",
                "blogPosts public.blog_posts.seq bigint nullable=false default=identity required=false",
                "blogPosts public.blog_posts.meta text nullable=true default=null required=false");

        assertThat(plan.get("collectionsWithoutTable")).hasSize(1);
        JsonNode missing = plan.get("collectionsWithoutTable").get(0);
        assertThat(missing.get("collection").asText()).isEqualTo("tagsCloud");
        assertThat(missing.get("records").asLong()).isEqualTo(1);
        assertThat(JSON.convertValue(missing.get("expectedTables"), List.class))
                .containsExactly("public.\"tagsCloud\"", "public.tags_cloud");
        assertThat(plan.get("pendingMigrations")).isEmpty();

        // The mapping part is a mapping file as the loader reads it, and it fits the target.
        Path mappingFile = workDir.resolve("plan-mapping.json");
        JSON.writeValue(mappingFile.toFile(), plan.get("mapping"));
        MappingFile mapping = MappingFile.read(mappingFile);
        assertThat(mapping.collections()).extracting(CollectionMapping::collection).containsExactly("authors", "blogPosts");
        assertThat(mapping.collection("authors").columns().get("address.geo.lat").column()).isEqualTo("address_geo_lat");
        try (Connection target = target("inference")) {
            List<CollectionPlan> plans = new MappingPlanner(new TargetCatalog(target), "public", Set.of(), "mig-plan-check")
                    .plan(Optional.of(mapping), List.of("authors", "blogPosts"));
            assertThat(plans).extracting(CollectionPlan::collection).containsExactly("authors", "blogPosts");
        }
    }

    @Test
    void theBlogExamplesPlanIsItsHandWrittenMappingFile() throws Exception {
        Path example = Path.of("../examples/blog").toAbsolutePath().normalize();
        try (Connection target = target("planblog"); Statement s = target.createStatement()) {
            s.execute(Files.readString(example.resolve("schema/V1__create_tables.sql")));
        }

        JsonNode plan = json(post(Map.of("sourceDir", example.resolve("data").toString(), "targetProfile", "planblog"))
                .then().statusCode(200).extract().asString());

        JsonNode handWritten = JSON.readTree(example.resolve("mapping.json").toFile());
        assertThat(plan.get("mapping")).isEqualTo(handWritten);
        assertThat(names(plan.get("mapping").get("collections"))).containsExactly("users", "posts", "comments");
        assertThat(plan.get("unmappedFields")).isEmpty();
        assertThat(plan.get("unmappedColumns")).isEmpty();
        assertThat(plan.get("collectionsWithoutTable")).isEmpty();
    }

    @Test
    void pendingSchemaMigrationsAreListedAndThePlanReflectsTheCatalogBeforeThem() throws Exception {
        Path source = source("pending", "{\"users\": [{\"id\": 1}]}");
        Path schema = Files.createDirectories(workDir.resolve("pending-schema"));
        Files.writeString(schema.resolve("V1__create_users.sql"), "CREATE TABLE users (id integer PRIMARY KEY);");
        Files.writeString(schema.resolve("V2__add_name.sql"), "ALTER TABLE users ADD COLUMN name text;");

        JsonNode plan = json(post(Map.of("sourceDir", source.toString(), "targetProfile", "planpending",
                "schemaDir", schema.toString())).then().statusCode(200).extract().asString());

        assertThat(JSON.convertValue(plan.get("pendingMigrations"), List.class))
                .containsExactly("V1__create_users.sql", "V2__add_name.sql");
        assertThat(plan.get("collectionsWithoutTable").get(0).get("collection").asText()).isEqualTo("users");
        assertThat(plan.get("mapping").get("collections")).isEmpty();
        try (Connection target = target("planpending"); Statement s = target.createStatement()) {
            assertThat(s.executeQuery("SELECT to_regclass('public.users') IS NULL").next()).isTrue();
            var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
            rs.next();
            assertThat(rs.getLong(1)).as("planning changes nothing in the target").isZero();
        }
    }

    @Test
    void aSourceDirectoryOutsideTheAllowedRootsOrMissingIsRefusedNamingIt() {
        String outside = json(post(Map.of("sourceDir", "/etc", "targetProfile", "inference")).then().statusCode(400)
                .extract().asString()).get("message").asText();
        assertThat(outside).contains("source directory /etc", "lies outside the allowed roots");

        String missing = workDir.resolve("no-such-source").toString();
        JsonNode refused = json(post(Map.of("sourceDir", missing, "targetProfile", "inference")).then().statusCode(400)
                .extract().asString());
        assertThat(refused.get("message").asText()).isEqualTo("source directory " + missing + " does not exist");
    }

    @Test
    void anUnknownTargetProfileIsRefusedNamingItAndEveryProblemIsListed() throws IOException {
        Path source = source("unknown-profile", "{\"users\": [{\"id\": 1}]}");
        JsonNode refused = json(post(Map.of("sourceDir", source.toString(), "targetProfile", "nosuch"))
                .then().statusCode(400).extract().asString());
        assertThat(refused.get("message").asText()).contains("target profile 'nosuch' is not configured",
                "JSONMIG_TARGET_NOSUCH_URL");

        JsonNode both = json(post(Map.of("sourceDir", "relative/dir", "targetProfile", "Bad-Name"))
                .then().statusCode(400).extract().asString());
        assertThat(both.get("problems")).hasSize(2);
        assertThat(both.get("message").asText()).contains("invalid target profile 'Bad-Name'",
                "source directory 'relative/dir' must be an absolute path");
    }

    @Test
    void anInvalidSourceFileIsNamedWithItsLine() throws IOException {
        Path source = source("broken", "{\"users\": [{\"id\": 1},\n {\"id\": }]}");
        String message = json(post(Map.of("sourceDir", source.toString(), "targetProfile", "inference"))
                .then().statusCode(400).extract().asString()).get("message").asText();
        assertThat(message).contains(source.resolve("db.json").toString(), "line 2");
    }

    @Test
    void anUnreachableTargetIsNamedWithoutItsPassword() throws IOException {
        Path source = source("offline", "{\"users\": [{\"id\": 1}]}");
        String body = post(Map.of("sourceDir", source.toString(), "targetProfile", "offline"))
                .then().statusCode(502).extract().asString();
        assertThat(json(body).get("message").asText()).contains("target profile 'offline'",
                "127.0.0.1:1/jsonmig_offline");
        assertThat(body).doesNotContain("offline-secret-4711");
    }

    private static Response post(Map<String, String> body) {
        return given().contentType("application/json").body(body).when().post("/plans");
    }

    private static Path source(String name, String dbJson) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("sources").resolve(name));
        Files.writeString(dir.resolve("db.json"), dbJson);
        return dir;
    }

    private static Map<String, String> pairs(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static Connection target(String profile) throws SQLException {
        var config = ConfigProvider.getConfig();
        String prefix = "jsonmig.target." + profile + ".";
        return DriverManager.getConnection(config.getValue(prefix + "url", String.class),
                config.getValue(prefix + "user", String.class),
                config.getOptionalValue(prefix + "password", String.class).orElse(""));
    }
}
