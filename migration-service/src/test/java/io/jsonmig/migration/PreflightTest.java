package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.migration.preflight.RunPreflight;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /preflight} on the real service against a real target: every check passes on a target
 * ready for the run, then each fails on its own, naming what it found. Every request leaves the
 * target's catalog and Flyway history, the source and the topics as they were. The migration phase
 * asks the same questions: a target user without CREATE fails it before anything is created.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class PreflightTest {

    private static final String PROFILE = "preflight";
    private static final List<String> NAMES = List.of(RunPreflight.REACHABLE, RunPreflight.PRIVILEGES,
            RunPreflight.SCHEMA, RunPreflight.TABLES, RunPreflight.MAPPING, RunPreflight.REVERSIBLE);
    private static final String V1 = """
            CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text);
            CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), title text);
            """;
    private static final String DB_JSON = """
            {"users": [{"id": 1, "name": "Ada", "email": "ada@example.com"}, {"id": 2, "name": "Bob"}],
             "posts": [{"id": 10, "userId": 1, "title": "Hello"}]}""";

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static Path schema;
    private static Path source;
    private List<String> catalogBefore;
    private List<String> ledgerBefore;
    private long recordsBefore;

    @BeforeAll
    static void prepareTarget() throws IOException, SQLException {
        workDir = Files.createTempDirectory("jsonmig-migration-preflight-").toRealPath();
        schema = Files.createDirectories(workDir.resolve("schema"));
        Files.writeString(schema.resolve("V1__create_tables.sql"), V1);
        source = source("source", DB_JSON);
        var config = ConfigProvider.getConfig();
        Flyway.configure().dataSource(config.getValue("jsonmig.target.preflight.url", String.class),
                        config.getValue("jsonmig.target.preflight.user", String.class),
                        config.getOptionalValue("jsonmig.target.preflight.password", String.class).orElse(""))
                .locations("filesystem:" + schema).table("flyway_schema_history").load().migrate();
        try (Connection target = TestRuns.target(PROFILE)) {
            TestRuns.execute(target, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
                    + config.getValue("jsonmig.target.pflimited.user", String.class));
        }
    }

    @AfterAll
    static void cleanUp() {
        TestFiles.deleteTree(workDir);
    }

    @BeforeEach
    void remember() throws SQLException {
        catalogBefore = catalog();
        ledgerBefore = ledger();
        recordsBefore = probe.recordsOnRunTopics();
    }

    @AfterEach
    void nothingChanged() throws SQLException {
        assertThat(catalog()).as("the target's catalog and schema history").isEqualTo(catalogBefore);
        assertThat(ledger()).as("migration-service's ledger").isEqualTo(ledgerBefore);
        assertThat(probe.recordsOnRunTopics()).as("records on the run topics").isEqualTo(recordsBefore);
    }

    @Test
    void aTargetReadyForTheRunPassesEveryCheck() throws IOException {
        String hash = FileHashes.sha256(source.resolve("db.json"));

        PreflightReport report = preflight(spec(source, schema));

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.check(RunPreflight.REACHABLE).detail()).contains("target profile 'preflight'", "PostgreSQL");
        assertThat(report.check(RunPreflight.PRIVILEGES).detail()).contains("may CREATE in schema public", "TEMP");
        assertThat(report.check(RunPreflight.SCHEMA).detail()).startsWith("none pending");
        assertThat(report.check(RunPreflight.TABLES).detail())
                .isEqualTo("2 tables to load exist and are empty: public.users, public.posts");
        assertThat(report.check(RunPreflight.MAPPING).detail()).contains("nothing left open");
        assertThat(report.check(RunPreflight.REVERSIBLE).detail()).contains("no stabilization window",
                "without a way back");
        assertThat(preflight(spec(source, schema).withStabilization(Stabilization.of(Duration.ofHours(72))))
                .check(RunPreflight.REVERSIBLE).detail()).isEqualTo("a rollback within the stabilization window of "
                + "PT72H can carry every table back into its collection (2 collections, each matched by its primary key)");
        assertThat(FileHashes.sha256(source.resolve("db.json"))).isEqualTo(hash);
    }

    @Test
    void anUnknownTargetProfileFailsTargetReachableAndNothingElseCanBeChecked() {
        PreflightReport report = preflight(new RunSpec(source.toString(), schema.toString(), null, "nosuch", "test"));

        PreflightCheck reachable = report.check(RunPreflight.REACHABLE);
        assertThat(reachable.passed()).isFalse();
        assertThat(reachable.detail()).contains("target profile 'nosuch' is not configured");
        assertThat(reachable.fix()).contains("JSONMIG_TARGET_NOSUCH_URL");
        assertThat(report.checks().subList(1, 5)).allSatisfy(c -> assertThat(c.detail())
                .startsWith("not checked: target profile 'nosuch' is not usable"));
    }

    @Test
    void anUnreachableTargetFailsTargetReachableNamingItsAddressNeverItsPassword() {
        String body = given().contentType("application/json")
                .body(EventJson.mapper().valueToTree(new RunSpec(source.toString(), schema.toString(), null, "offline",
                        "test")).toString())
                .when().post("/preflight").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("offline-secret-4711");

        PreflightReport report = read(body);
        assertThat(report.check(RunPreflight.REACHABLE).passed()).isFalse();
        assertThat(report.check(RunPreflight.REACHABLE).detail()).contains("127.0.0.1:1/jsonmig_offline");
        assertThat(report.check(RunPreflight.PRIVILEGES).detail()).startsWith("not checked: target");
    }

    @Test
    void aUserWithoutCreateFailsOnlyTargetPrivileges() {
        String role = ConfigProvider.getConfig().getValue("jsonmig.target.pflimited.user", String.class);
        RunSpec spec = new RunSpec(source.toString(), schema.toString(), null, TargetProfilesResource.LIMITED_PROFILE,
                "test");

        PreflightCheck failed = onlyFailed(preflight(spec), RunPreflight.PRIVILEGES);

        assertThat(failed.detail()).isEqualTo("user " + role + " may not CREATE in schema public of database "
                + database() + " (the schema migrations and jsonmig's own tables are created there)");
        assertThat(failed.fix()).contains("GRANT CREATE ON SCHEMA public TO " + role);

        PreflightCheck dryRun = onlyFailed(preflight(spec.withDryRun(true)), RunPreflight.PRIVILEGES);
        assertThat(dryRun.detail()).contains("may not CREATE in database " + database() + " (a dry run");
    }

    @Test
    void aPendingMigrationIsListedByName() throws IOException {
        Path pending = copyOfSchema("pending-schema");
        Files.writeString(pending.resolve("V2__index_titles.sql"), "CREATE INDEX posts_title ON posts (title);");

        PreflightReport report = preflight(spec(source, pending));

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.check(RunPreflight.SCHEMA).detail()).isEqualTo("1 pending: V2__index_titles.sql");
    }

    @Test
    void anAppliedMigrationWhoseChecksumChangedFailsOnlySchemaMigrations() throws IOException {
        Path edited = copyOfSchema("edited-schema");
        Files.writeString(edited.resolve("V1__create_tables.sql"), V1 + "-- edited after it was applied\n");

        PreflightCheck failed = onlyFailed(preflight(spec(source, edited)), RunPreflight.SCHEMA);

        assertThat(failed.detail()).startsWith("applied schema migration V1__create_tables.sql no longer matches "
                + "target profile 'preflight'").containsIgnoringCase("checksum");
    }

    @Test
    void anInvalidSchemaDirectoryFailsOnlySchemaMigrations() throws IOException {
        Path invalid = copyOfSchema("invalid-schema");
        Files.writeString(invalid.resolve("add_index.sql"), "CREATE INDEX posts_title ON posts (title);");

        PreflightCheck failed = onlyFailed(preflight(spec(source, invalid)), RunPreflight.SCHEMA);

        assertThat(failed.detail()).contains(invalid.resolve("add_index.sql").toString(),
                "is not named V<version>__<description>.sql");
    }

    @Test
    void aTableToLoadThatHoldsRowsFailsOnlyTargetTables() throws SQLException {
        try (Connection target = TestRuns.target(PROFILE)) {
            TestRuns.execute(target, "INSERT INTO users (id, name) VALUES (99, 'already here')");
        }
        try {
            PreflightCheck failed = onlyFailed(preflight(spec(source, schema)), RunPreflight.TABLES);

            assertThat(failed.detail()).isEqualTo("target table public.users already holds 1 row; jsonmig loads only "
                    + "into empty tables");
            assertThat(failed.fix()).contains("--append");
            assertThat(preflight(spec(source, schema).withAppend(true)).passed()).as("an append run").isTrue();
            PreflightCheck appendWithWindow = onlyFailed(preflight(spec(source, schema).withAppend(true)
                    .withStabilization(Stabilization.of(Duration.ofHours(72)))), RunPreflight.REVERSIBLE);
            assertThat(appendWithWindow.detail()).contains("table public.users of collection 'users' already holds "
                    + "rows that are not in the JSON files, and an append run adds to them").doesNotContain("posts");
            assertThat(appendWithWindow.fix()).contains("rather than append", "--stabilization-window 0");
            PreflightReport dryRun = preflight(spec(source, schema).withDryRun(true));
            assertThat(dryRun.passed()).as("a dry run loads into its own schema: %s", dryRun).isTrue();
            assertThat(dryRun.check(RunPreflight.TABLES).detail()).startsWith("a dry run loads into a throwaway schema");
        } finally {
            try (Connection target = TestRuns.target(PROFILE)) {
                TestRuns.execute(target, "DELETE FROM users WHERE id = 99");
            }
        }
    }

    @Test
    void aFieldWithoutAColumnFailsOnlyMappingComplete() throws IOException {
        Path extra = source("extra-field", DB_JSON.replace("\"name\": \"Bob\"", "\"name\": \"Bob\", \"nickname\": \"b\""));

        PreflightCheck failed = onlyFailed(preflight(spec(extra, schema)), RunPreflight.MAPPING);

        assertThat(failed.detail()).isEqualTo("field 'nickname' of collection 'users' (string, e.g. record 1) is "
                + "unmapped: no column nickname in table public.users");
    }

    @Test
    void aRequiredColumnNoFieldFillsFailsOnlyMappingComplete() throws IOException {
        Path nameless = source("no-name", DB_JSON.replace("\"name\": \"Ada\", ", "").replace("\"name\": \"Bob\"",
                "\"email\": \"bob@example.com\""));

        PreflightCheck failed = onlyFailed(preflight(spec(nameless, schema)), RunPreflight.MAPPING);

        assertThat(failed.detail()).isEqualTo("column name of public.users (text NOT NULL, no default) is filled by "
                + "no field of collection 'users': every record would be rejected");
    }

    @Test
    void aMappingFileIsCheckedAgainstTheSourceAndTheCatalog() throws IOException {
        Path mapping = Files.writeString(workDir.resolve("mapping.json"), """
                {"collections": {
                  "users": {"table": "users", "columns": {"id": "id", "name": "full_name", "email": "email"}},
                  "posts": {"table": "posts", "columns": {"id": "id", "userId": "user_id"}}}}""");

        PreflightCheck failed = onlyFailed(preflight(new RunSpec(source.toString(), schema.toString(),
                mapping.toString(), PROFILE, "test")), RunPreflight.MAPPING);

        assertThat(failed.detail()).contains("field 'title' of collection 'posts' (string, e.g. record 0) is in no "
                        + "column of mapping file " + mapping)
                .contains("maps field 'name' of collection 'users' to column 'full_name', which table public.users "
                        + "does not have");
    }

    @Test
    void aRunWithAWindowWhoseMappingCannotBeReversedFailsOnlyMappingReversibleNamingEachTableAndField()
            throws IOException {
        String profile = "pfreverse";
        Path irreversible = Files.createDirectories(workDir.resolve("irreversible-schema"));
        Files.writeString(irreversible.resolve("V1__tables.sql"), """
                CREATE TABLE notes (id integer, text text);
                CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL);
                CREATE TABLE posts (id integer PRIMARY KEY, title text);
                CREATE TABLE post_tags (post_id integer NOT NULL REFERENCES posts (id), tag text NOT NULL);
                """);
        var config = ConfigProvider.getConfig();
        Flyway.configure().dataSource(config.getValue("jsonmig.target." + profile + ".url", String.class),
                        config.getValue("jsonmig.target." + profile + ".user", String.class),
                        config.getOptionalValue("jsonmig.target." + profile + ".password", String.class).orElse(""))
                .locations("filesystem:" + irreversible).table("flyway_schema_history").load().migrate();
        Path data = source("irreversible-source", """
                {"notes": [{"id": 1, "text": "a"}], "people": [{"name": "Ada"}],
                 "posts": [{"id": 1, "title": "t", "tags": ["x", "y"]}]}""");
        Path mapping = Files.writeString(workDir.resolve("irreversible.yaml"), """
                collections:
                  notes: {table: notes, columns: {id: id, text: text}}
                  people: {table: people, columns: {name: name}}
                  posts:
                    table: posts
                    columns: {id: id, title: title}
                    children:
                      tags: {table: post_tags, parent-key: {post_id: id}, value: tag}
                """);
        RunSpec spec = new RunSpec(data.toString(), irreversible.toString(), mapping.toString(), profile, "test");

        PreflightCheck failed = onlyFailed(preflight(spec.withStabilization(Stabilization.of(Duration.ofHours(72)))),
                RunPreflight.REVERSIBLE);

        assertThat(failed.detail()).startsWith("the run has a stabilization window of PT72H, but a rollback after the "
                        + "cut-over could not carry everything back: ")
                .contains("table public.notes of collection 'notes' has no primary key")
                .contains("table public.people of collection 'people': its primary key column id is filled by no "
                        + "field of the records")
                .contains("child table public.post_tags of 'posts.tags' has no position column");
        assertThat(failed.fix()).contains("--stabilization-window 0", "without a way back");
        PreflightReport noWindow = preflight(spec.withStabilization(Stabilization.NONE));
        assertThat(noWindow.passed()).as(noWindow.toString()).isTrue();
        assertThat(noWindow.check(RunPreflight.REVERSIBLE).detail()).contains("--stabilization-window 0",
                "without a way back");
        assertThat(preflight(spec.withStabilization(Stabilization.of(Duration.ofHours(72))).withDryRun(true))
                .check(RunPreflight.REVERSIBLE).passed()).as("a dry run never cuts over").isTrue();
    }

    @Test
    void theMigrationPhaseRefusesATargetUserWithoutCreateBeforeCreatingAnything() throws IOException, SQLException {
        JsonNode db = TestRuns.JSON.readTree(DB_JSON);
        EventEnvelope event = TestRuns.backupCompleted(workDir, TargetProfilesResource.LIMITED_PROFILE,
                TestRuns.snapshot(workDir, "limited", db), schema, null, db, SnapshotStorage.PLAIN, null);
        probe.publish(event);

        PhaseFailed failed = probe.await(event.migrationId(), EventType.PHASE_FAILED, Duration.ofSeconds(60))
                .payloadAs(PhaseFailed.class);

        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.problems()).anySatisfy(p -> assertThat(p).contains("may not CREATE in schema public"));
        probe.await(event.migrationId(), EventType.ROLLBACK_REQUESTED, Duration.ofSeconds(60));
        // this test publishes on purpose; the compensation's report is the service's last word on the run
        probe.await(event.migrationId(), EventType.ROLLBACK_STEP_COMPLETED, Duration.ofSeconds(60));
        recordsBefore = probe.recordsOnRunTopics();
        ledgerBefore = ledger();
    }

    private static PreflightReport preflight(RunSpec spec) {
        return read(given().contentType("application/json").body(EventJson.mapper().valueToTree(spec).toString())
                .when().post("/preflight").then().statusCode(200).extract().asString());
    }

    private static PreflightReport read(String body) {
        try {
            PreflightReport report = EventJson.mapper().readValue(body, PreflightReport.class);
            assertThat(report.service()).isEqualTo("migration-service");
            assertThat(report.checks()).extracting(PreflightCheck::name).containsExactlyElementsOf(NAMES);
            return report;
        } catch (IOException e) {
            throw new AssertionError("not a preflight report: " + body, e);
        }
    }

    private static PreflightCheck onlyFailed(PreflightReport report, String name) {
        assertThat(report.checks()).filteredOn(c -> !c.passed()).as(report.toString())
                .extracting(PreflightCheck::name).containsExactly(name);
        assertThat(report.check(name).fix()).isNotBlank();
        return report.check(name);
    }

    private static RunSpec spec(Path source, Path schema) {
        return new RunSpec(source.toString(), schema.toString(), null, PROFILE, "migration-preflight-test");
    }

    private static Path source(String name, String dbJson) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Files.writeString(dir.resolve("db.json"), dbJson);
        return dir;
    }

    private static Path copyOfSchema(String name) throws IOException {
        Path copy = Files.createDirectories(workDir.resolve(name));
        Files.copy(schema.resolve("V1__create_tables.sql"), copy.resolve("V1__create_tables.sql"));
        return copy;
    }

    private static String database() {
        String url = ConfigProvider.getConfig().getValue("jsonmig.target.preflight.url", String.class);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** How many rows each table of migration-service's ledger holds. */
    private static List<String> ledger() throws SQLException {
        var config = ConfigProvider.getConfig();
        List<String> counts = new ArrayList<>();
        try (Connection ledger = java.sql.DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement s = ledger.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'migration' AND c.relkind = 'r' ORDER BY 1""")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String table : tables) {
                try (Statement count = ledger.createStatement();
                     ResultSet rows = count.executeQuery("SELECT count(*) FROM migration." + table)) {
                    rows.next();
                    counts.add(table + " " + rows.getLong(1));
                }
            }
        }
        assertThat(counts).anySatisfy(c -> assertThat(c).startsWith("phase_job "));
        return counts;
    }

    /** Every object of the target's own schemas and every row of its schema history. */
    private static List<String> catalog() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection target = TestRuns.target(PROFILE); Statement s = target.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                      AND n.nspname NOT LIKE 'pg_temp%'
                    UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
                    UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
                    ORDER BY 1""")) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT installed_rank || ' ' || script || ' ' || checksum || ' ' "
                    + "|| success FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    found.add("history " + rs.getString(1));
                }
            }
        }
        return found;
    }
}
