package io.jsonmig.cli.plan;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} against a real HTTP peer on 127.0.0.1 standing in for migration-service's
 * {@code POST /plans}: it answers with a plan in the service's format, or refuses as the service does.
 */
@QuarkusMainTest
@TestProfile(PlanCommandTest.PlanService.class)
class PlanCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A plan as migration-service writes it: one unmapped field, one collection without table, one required column. */
    static final String INCOMPLETE_PLAN = """
            {"sourceDir": "/srv/app/data", "targetProfile": "staging", "defaultSchema": "public",
             "mapping": {"collections": {
               "authors": {"table": "authors", "columns": {"id": "id", "fullName": "full_name",
                   "address.geo.lat": "address_geo_lat", "profile": "profile", "on": "yes", "odd key: #1": "odd_key"}},
               "blogPosts": {"table": "blog_posts", "columns": {"id": "id", "authorId": "author_id"}}}},
             "unmappedFields": [
               {"collection": "authors", "path": "twitterHandle", "kind": "string", "examplePosition": 1,
                "reason": "no column twitterHandle or twitter_handle in table public.authors"}],
             "unmappedColumns": [
               {"collection": "authors", "table": "public.authors", "column": "legacy_code", "type": "text",
                "nullable": false, "defaultValue": null, "required": true},
               {"collection": "blogPosts", "table": "public.blog_posts", "column": "seq", "type": "bigint",
                "nullable": false, "defaultValue": "identity", "required": false}],
             "collectionsWithoutTable": [
               {"collection": "tagsCloud", "expectedTables": ["public.\\"tagsCloud\\"", "public.tags_cloud"], "records": 3}],
             "pendingMigrations": ["V2__add_tags.sql"]}""";

    static final String COMPLETE_PLAN = """
            {"sourceDir": "/srv/app/data", "targetProfile": "complete", "defaultSchema": "public",
             "mapping": {"collections": {"users": {"table": "users", "columns": {"id": "id", "createdAt": "created_at"}}}},
             "unmappedFields": [],
             "unmappedColumns": [
               {"collection": "users", "table": "public.users", "column": "nickname", "type": "text",
                "nullable": true, "defaultValue": null, "required": false}],
             "collectionsWithoutTable": [], "pendingMigrations": []}""";

    public static class PlanService implements QuarkusTestProfile {
        static final AtomicReference<JsonNode> LAST_REQUEST = new AtomicReference<>();
        static final HttpServer SERVER = start();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.stack.service-host", "127.0.0.1",
                    "jsonmig.stack.ports.migration-service", String.valueOf(SERVER.getAddress().getPort()));
        }

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/plans", PlanService::plans);
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void plans(HttpExchange exchange) throws IOException {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            LAST_REQUEST.set(request);
            String profile = request.path("targetProfile").asText();
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, "{}");
            } else if (profile.equals("nosuch")) {
                answer(exchange, 400, "{\"message\": \"target profile 'nosuch' is not configured: set "
                        + "JSONMIG_TARGET_NOSUCH_URL (a jdbc:postgresql:// URL)\", \"problems\": [\"target profile "
                        + "'nosuch' is not configured: set JSONMIG_TARGET_NOSUCH_URL (a jdbc:postgresql:// URL)\"]}");
            } else if (profile.equals("twoproblems")) {
                answer(exchange, 400, "{\"message\": \"2 problems: a; b\", \"problems\": [\"source directory "
                        + "/nowhere does not exist\", \"schema directory /nothing does not exist\"]}");
            } else {
                answer(exchange, 200, profile.equals("complete") ? COMPLETE_PLAN : INCOMPLETE_PLAN);
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static final List<Path> CREATED = new ArrayList<>();

    @AfterAll
    static void cleanUp() {
        CREATED.forEach(TestFiles::deleteTree);
    }

    @Test
    void printsTheMappingAsYamlWithEveryOpenItemAsACommentAndExitsIncomplete(QuarkusMainLauncher launcher)
            throws Exception {
        Path source = directory();
        Path schema = Files.createDirectories(source.resolve("schema"));

        LaunchResult result = launcher.launch("plan", "--source", source.toString(), "--schema", schema.toString(),
                "--target", "staging");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PLAN_INCOMPLETE);
        JsonNode request = PlanService.LAST_REQUEST.get();
        assertThat(request.path("sourceDir").asText()).isEqualTo(source.toRealPath().toString());
        assertThat(request.path("schemaDir").asText()).isEqualTo(schema.toRealPath().toString());
        assertThat(request.path("targetProfile").asText()).isEqualTo("staging");

        String yaml = result.getOutput();
        JsonNode read = new YAMLMapper().readTree(yaml);
        JsonNode expected = JSON.readTree(INCOMPLETE_PLAN).get("mapping");
        assertThat(read).as("the YAML holds exactly the mapping:%n%s", yaml).isEqualTo(expected);
        List<String> order = new ArrayList<>();
        read.get("collections").fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("authors", "blogPosts");
        assertThat(yaml).contains(
                "# PENDING: the target has not applied 1 schema migration yet; this plan reflects its catalog BEFORE them:",
                "#   V2__add_tags.sql",
                "#   tagsCloud (3 records): looked for public.\"tagsCloud\" or public.tags_cloud",
                "      # UNMAPPED FIELD twitterHandle (string, e.g. record 1): no column twitterHandle or twitter_handle "
                        + "in table public.authors",
                "    # REQUIRED COLUMN NO FIELD FILLS legacy_code text, NOT NULL without default: every record would "
                        + "be rejected",
                "    # column no field fills seq bigint, default identity",
                "      address.geo.lat: address_geo_lat",
                "      \"on\": \"yes\"");
        assertThat(result.getErrorOutput()).contains("1 unmapped field, 1 collection without a table",
                "(1 required)", "exit 5");
    }

    @Test
    void aCompletePlanExitsZeroAndJsonFormatPrintsTheWholeReport(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("plan", "--source", directory().toString(), "--target", "complete",
                "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(PlanService.LAST_REQUEST.get().has("schemaDir")).isFalse();
        assertThat(JSON.readTree(result.getOutput())).isEqualTo(JSON.readTree(COMPLETE_PLAN));
        assertThat(result.getErrorOutput()).contains("2 fields mapped in 1 collection", "0 unmapped fields")
                .doesNotContain("Incomplete");
    }

    @Test
    void jsonIsTheSameAsFormatJsonAndContradictingYamlIsRefused(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult json = launcher.launch("plan", "--source", directory().toString(), "--target", "complete",
                "--json");
        LaunchResult both = launcher.launch("plan", "--source", directory().toString(), "--json", "--format", "yaml");

        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(json.getOutput())).isEqualTo(JSON.readTree(COMPLETE_PLAN));
        assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(both.getErrorOutput()).contains("--json and --format yaml ask for different formats");
    }

    @Test
    void writesTheFileAndRefusesToOverwriteItWithoutForce(QuarkusMainLauncher launcher) throws Exception {
        Path dir = directory();
        Path file = dir.resolve("mapping.yaml");

        LaunchResult first = launcher.launch("plan", "--source", dir.toString(), "--target", "complete", "-o",
                file.toString());
        assertThat(first.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(first.getOutput()).isEmpty();
        assertThat(first.getErrorOutput()).contains("written to " + file);
        String written = Files.readString(file);
        assertThat(new YAMLMapper().readTree(written)).isEqualTo(JSON.readTree(COMPLETE_PLAN).get("mapping"));

        Files.writeString(file, "edited by hand");
        LaunchResult refused = launcher.launch("plan", "--source", dir.toString(), "--target", "complete", "-o",
                file.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.getErrorOutput()).contains(file + " already exists; give --force to overwrite it");
        assertThat(Files.readString(file)).isEqualTo("edited by hand");

        LaunchResult forced = launcher.launch("plan", "--source", dir.toString(), "--target", "complete", "-o",
                file.toString(), "--force");
        assertThat(forced.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(file)).isEqualTo(written);
    }

    @Test
    void whatTheServiceRefusesIsPrintedAsItSaysAndExitsOne(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult unknown = launcher.launch("plan", "--source", directory().toString(), "--target", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.getOutput()).isEmpty();
        assertThat(unknown.getErrorOutput()).contains("jsonmig plan: target profile 'nosuch' is not configured: set "
                + "JSONMIG_TARGET_NOSUCH_URL");

        LaunchResult two = launcher.launch("plan", "--source", "/nowhere", "--target", "twoproblems");
        assertThat(two.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(PlanService.LAST_REQUEST.get().path("sourceDir").asText()).isEqualTo("/nowhere");
        assertThat(two.getErrorOutput()).contains("jsonmig plan: 2 problems:\n  source directory /nowhere does not exist",
                "  schema directory /nothing does not exist");
    }

    @Test
    void anInvalidProfileIsRefusedHereAndAnUnreachableServiceIsNamed(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult invalid = launcher.launch("plan", "--source", directory().toString(), "--target", "Bad-Name");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(invalid.getErrorOutput()).contains("invalid target profile 'Bad-Name'");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LaunchResult unreachable = launcher.launch("plan", "--source", directory().toString(), "--service-url",
                "http://127.0.0.1:" + closed);
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unreachable.getErrorOutput()).contains("cannot reach migration-service at http://127.0.0.1:" + closed,
                "./jsonmig stack up");
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult help = launcher.launch("plan", "--help");
        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.getOutput()).contains("jsonmig plan --source data --target staging -o mapping.yaml",
                "5 the plan is incomplete", "--format", "--force", "--schema");
    }

    private static Path directory() throws IOException {
        Path dir = Files.createTempDirectory("jsonmig-cli-plan-");
        CREATED.add(dir);
        return dir;
    }
}
