package io.jsonmig.cli.report;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report} against a real broker holding the runs' events as the services publish them, and a real
 * HTTP server on 127.0.0.1 standing in for verification-service's {@code GET /verifications/{id}}.
 */
@QuarkusMainTest
@WithTestResource(KafkaBrokerResource.class)
@TestProfile(ReportCommandTest.RecordingBrowser.class)
class ReportCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REASON = "V2__indexes.sql failed: relation \"postz\" does not exist";
    private static final String FAILED_SUMMARY = "2 of 3 tables differ: posts (1 different row, 1 orphan row), "
            + "comments (1 missing row); 1 smoke check failed";

    /** The program {@code --open} runs: it writes the URL it is given to a file. */
    public static class RecordingBrowser implements QuarkusTestProfile {
        private static final String DIR_PROPERTY = "io.jsonmig.cli.test.browser-dir";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("browser", dir().resolve("browser.sh").toString());
        }

        static synchronized Path dir() {
            String dir = System.getProperty(DIR_PROPERTY);
            if (dir != null) {
                return Path.of(dir);
            }
            try {
                Path created = Files.createTempDirectory("jsonmig-test-browser-");
                Path script = created.resolve("browser.sh");
                Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + created.resolve("opened") + "'\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
                System.setProperty(DIR_PROPERTY, created.toString());
                return created;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Map<String, String> REPORTS = new ConcurrentHashMap<>();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;
    private static EventProbe probe;

    @BeforeAll
    static void start() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/verifications/", ReportCommandTest::verifications);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        probe.close();
        TestFiles.deleteTree(RecordingBrowser.dir());
    }

    /** As verification-service answers: the report of the run's latest verified attempt, or 404. */
    private static void verifications(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/verifications/".length());
        REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Accept"));
        String report = REPORTS.get(id);
        byte[] body = (report != null ? report : "{\"error\": \"no verification report for run " + id
                + ": its data has not been verified (yet)\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(report != null ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aFailedVerificationIsPrintedFailuresFirstWithTheReportPage(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String location = serviceUrl() + "/verifications/" + run.id;
        REPORTS.put(run.id, failedReport(run));
        publish(run.requested(0), run.backupCompleted(1), run.dataMigrated(4), failed(run, 6, location),
                run.rollbackRequested(6.1, Phase.VERIFICATION, FAILED_SUMMARY));

        LaunchResult result = launcher.launch("report", run.id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(REQUESTS).contains("GET /verifications/" + run.id + " application/json");
        String out = result.getOutput();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Verification of run " + run.id + ", attempt 1: FAILED");
        assertThat(out).contains("summary   " + FAILED_SUMMARY)
                .contains("report    " + location + ".html")
                .contains("mode full, target staging, snapshot snap-1")
                .contains("Failures (3)", "  - row id=7 of posts differs in title");
        assertThat(out.indexOf("Failures (3)")).isLessThan(out.indexOf("Counts, failures first"));
        assertThat(out.indexOf("Counts, failures first")).isLessThan(out.indexOf("Rows compared, failures first"));
        assertThat(out.indexOf("Rows compared, failures first")).isLessThan(out.indexOf("Smoke checks, failures first"));

        assertThat(section(lines, "Counts, failures first")).extracting(l -> l.strip().split("\\s+")[0])
                .containsExactly("COLLECTION", "comments", "users", "posts");
        assertThat(section(lines, "Counts, failures first").get(1))
                .matches("\\s+comments\\s+comments\\s+300\\s+300\\s+299\\s+FAILED: comments: expected 300 rows, found 299");
        List<String> rows = section(lines, "Rows compared, failures first");
        assertThat(rows).extracting(l -> l.strip().split("\\s+")[0]).containsExactly("TABLE", "posts", "comments", "users");
        assertThat(rows.get(1)).matches("\\s+posts\\s+id \\(primary key\\)\\s+120\\s+120\\s+119\\s+0\\s+0\\s+1\\s+0\\s+FAILED");
        assertThat(rows.get(3)).matches("\\s+users\\s+id \\(primary key\\)\\s+40\\s+40\\s+40\\s+0\\s+0\\s+0\\s+0\\s+ok");

        assertThat(out).contains("DIFFERENT  id=7 (record 6)")
                .contains("title: expected \"Hello  world\", found \"Hello world\"")
                .contains("key        FOREIGN_KEY posts_user_id_fkey (user_id): 1 violation(s), e.g. id=9: user_id=9999")
                .contains("figures    column title of posts: total text length 5000 expected, 4999 found")
                .contains("MISSING    id=300 (record 299)");
        assertThat(section(lines, "Smoke checks, failures first")).extracting(l -> l.strip().split("\\s+")[0])
                .containsExactly("NAME", "users-have-email", "users-count");
        assertThat(out).containsPattern("users-have-email\\s+sql\\s+0\\s+2\\s+FAILED: expected 0, found 2");
        assertThat(result.getErrorOutput()).isEmpty();
    }

    @Test
    void jsonHoldsTheVerdictTheEventsChecksAndTheServicesReport(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String location = serviceUrl() + "/verifications/" + run.id;
        REPORTS.put(run.id, failedReport(run));
        publish(run.requested(0), run.backupCompleted(1), run.dataMigrated(4), failed(run, 6, location));

        LaunchResult result = launcher.launch("report", run.id, "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode document = JSON.readTree(result.getOutput());
        assertThat(document.get("migrationId").asText()).isEqualTo(run.id);
        assertThat(document.get("attempt").asInt()).isEqualTo(1);
        assertThat(document.get("passed").asBoolean()).isFalse();
        assertThat(document.get("summary").asText()).isEqualTo(FAILED_SUMMARY);
        assertThat(document.get("verifiedAt").asText()).isEqualTo(run.at(6).toString());
        assertThat(document.get("reportLocation").asText()).isEqualTo(location);
        assertThat(document.get("reportPage").asText()).isEqualTo(location + ".html");
        assertThat(document.get("source").asText()).isEqualTo("verification-service");
        assertThat(document.has("serviceError")).isFalse();
        assertThat(document.get("checks")).extracting(c -> c.get("table").asText() + " " + c.get("actual").asLong()
                + " " + c.get("passed").asBoolean()).containsExactly("users 40 true", "posts 120 true", "comments 299 false");
        assertThat(document.get("report")).isEqualTo(JSON.readTree(REPORTS.get(run.id)));
        assertThat(result.getErrorOutput()).isEmpty();
    }

    @Test
    void withoutTheServiceTheEventsVerdictAndCountsAreShownAndWhy(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String location = "http://127.0.0.1:" + LocalKafkaBroker.freePort() + "/verifications/" + run.id;
        publish(run.requested(0), run.backupCompleted(1), run.dataMigrated(4), failed(run, 6, location));

        LaunchResult text = launcher.launch("report", run.id);
        LaunchResult json = launcher.launch("report", run.id, "--json");

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = text.getOutput().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Verification of run " + run.id + ", attempt 1: FAILED");
        assertThat(text.getOutput()).contains("summary   " + FAILED_SUMMARY).contains("report    " + location + ".html")
                .contains("verification-service could not be reached at " + location)
                .contains("The verdict above is the verification event's, which is authoritative.");
        List<String> counts = section(lines, "Counts (from the verification event), failures first");
        assertThat(counts).extracting(l -> l.strip().split("\\s+")[0]).containsExactly("COLLECTION", "comments",
                "users", "posts");
        assertThat(counts.get(1)).matches("\\s+comments\\s+comments\\s+300\\s+299\\s+FAILED");

        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode document = JSON.readTree(json.getOutput());
        assertThat(document.get("passed").asBoolean()).isFalse();
        assertThat(document.get("source").asText()).isEqualTo("event");
        assertThat(document.get("serviceError").asText()).contains("could not be reached at " + location);
        assertThat(document.has("report")).isFalse();
        assertThat(document.get("checks")).hasSize(3);
        assertThat(json.getErrorOutput()).contains("only the verification event's part");
    }

    @Test
    void aServiceWithoutTheReportIsNamedWithItsAnswer(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String location = serviceUrl() + "/verifications/" + run.id;
        publish(run.requested(0), run.backupCompleted(1), run.dataMigrated(4), failed(run, 6, location));

        JsonNode document = JSON.readTree(launcher.launch("report", run.id, "--json").getOutput());

        assertThat(document.get("source").asText()).isEqualTo("event");
        assertThat(document.get("serviceError").asText()).isEqualTo("verification-service answered HTTP 404 at "
                + location + ": no verification report for run " + run.id + ": its data has not been verified (yet)");
    }

    @Test
    void aPassedVerificationFromTheServiceGivenOnTheCommandLineAndItsPageOpened(QuarkusMainLauncher launcher)
            throws Exception {
        RunEvents run = new RunEvents();
        REPORTS.put(run.id, passedReport(run));
        // started by 'jsonmig start' with JSONMIG_OTEL_ENDPOINT set: the attempt's trace begins there
        probe.publish(run.requested(0), "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        publish(run.backupCompleted(1), run.dataMigrated(4), passed(run, 6,
                "http://verification.internal:8083/verifications/" + run.id), run.cutoverReady(6.1));
        String location = serviceUrl() + "/verifications/" + run.id;

        LaunchResult result = launcher.launch("report", run.id, "--service-url", serviceUrl() + "/", "--open");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).startsWith("Verification of run " + run.id + ", attempt 1: PASSED")
                .contains("summary   verification passed: 3 check(s) agree")
                .contains("report    " + location + ".html")
                .contains("trace     " + TRACE_ID)
                .doesNotContain("Failures").doesNotContain("FAILED");
        LaunchResult json = launcher.launch("report", run.id, "--service-url", serviceUrl(), "--json");
        assertThat(JSON.readTree(json.getOutput()).path("traceId").asText()).isEqualTo(TRACE_ID);
        assertThat(Files.readAllLines(RecordingBrowser.dir().resolve("opened"))).contains(location + ".html");
    }

    @Test
    void aRunNotVerifiedYetExitsSevenSayingWhereItIs(QuarkusMainLauncher launcher) {
        RunEvents running = new RunEvents();
        publish(running.requested(0), running.backupCompleted(1), running.progress(2, "users", 10, 40));
        RunEvents rolledBack = new RunEvents();
        publish(rolledBack.requested(0), rolledBack.backupCompleted(1),
                rolledBack.phaseFailed(2, Phase.MIGRATION, REASON),
                rolledBack.rollbackRequested(2.1, Phase.MIGRATION, REASON),
                rolledBack.rollbackStep(3, "migration-service", true, "dropped table public.users"),
                rolledBack.rollbackStep(4, "backup-service", true, "db.json matches the backup"),
                rolledBack.datasourceReverted(4.5));

        LaunchResult notYet = launcher.launch("report", running.id, "--json");
        LaunchResult never = launcher.launch("report", rolledBack.id);

        assertThat(notYet.exitCode()).isEqualTo(ExitCodes.NO_REPORT);
        assertThat(notYet.getOutput()).isEmpty();
        assertThat(notYet.getErrorOutput()).contains("run " + running.id + " has no verification report yet: it is "
                + "RUNNING in phase migration (attempt 1)").contains("./jsonmig watch " + running.id);
        assertThat(never.exitCode()).isEqualTo(ExitCodes.NO_REPORT);
        assertThat(never.getErrorOutput()).contains("run " + rolledBack.id + " has no verification report: it is "
                + "ROLLED_BACK (attempt 1) and its data was never verified; failure: " + REASON);
    }

    @Test
    void aLoadOverItsRejectLimitShowsTheRejectsOfEveryCollectionWithKeysAndFiles(QuarkusMainLauncher launcher)
            throws Exception {
        RunEvents run = new RunEvents();
        String directory = "/var/lib/jsonmig/snapshots/rejects/" + run.id;
        String reason = "6 of 11 record(s) rejected, more than the run allows (at most 0 reject(s)); every reject is "
                + "in " + directory + ". Per collection: 'users' 2, 'posts' 1, 'tags' 2, 'notes' 1. First of each: "
                + "collection 'users' record 1 (key id=2): field 'name' contains the character U+0000; collection "
                + "'posts' record 1 (key id=1): duplicate key (id); collection 'tags' record 0 (key id=7): field "
                + "'label' contains the character U+0000; collection 'notes' record 1 (key id=2): field 'stars' holds "
                + "a number that is out of range";
        List<String> problems = List.of(
                "collection 'users' record 1 (key id=2): field 'name' contains the character U+0000",
                "collection 'users' record 3 (key id=4): field 'name' contains the character U+0000",
                "collection 'posts' record 1 (key id=1): duplicate key (id)",
                "collection 'tags' record 0 (key id=7): field 'label' contains the character U+0000",
                "collection 'tags' record 2 (key id=8): duplicate key (id)",
                "collection 'notes' record 1 (key id=2): field 'stars' holds a number that is out of range");
        publish(run.requested(0), run.backupCompleted(1), run.phaseFailed(2, Phase.MIGRATION, reason, problems),
                run.rollbackRequested(2.1, Phase.MIGRATION, reason),
                run.rollbackStep(3, "migration-service", true, "dropped table public.users"),
                run.rollbackStep(4, "backup-service", true, "db.json matches the backup"), run.datasourceReverted(4.5));

        LaunchResult text = launcher.launch("report", run.id);
        LaunchResult json = launcher.launch("report", run.id, "--json");

        assertThat(text.exitCode()).isEqualTo(ExitCodes.NO_REPORT);
        List<String> lines = text.getOutput().lines().toList();
        assertThat(lines.get(0)).isEqualTo("run " + run.id + ": migration FAILED (attempt 1)");
        assertThat(lines.get(1)).isEqualTo("reason     " + reason);
        assertThat(lines.subList(2, lines.size())).containsExactlyElementsOf(
                problems.stream().map(p -> "  problem  " + p).toList());
        assertThat(text.getErrorOutput()).contains("its data was never verified");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.NO_REPORT);
        JsonNode document = JSON.readTree(json.getOutput());
        assertThat(document.path("phase").asText()).isEqualTo("MIGRATION");
        assertThat(document.path("reason").asText()).isEqualTo(reason);
        assertThat(document.path("problems")).hasSize(6);
        assertThat(document.path("problems").get(5).asText()).isEqualTo(problems.get(5));
    }

    @Test
    void anUnknownRunExitsFour(QuarkusMainLauncher launcher) {
        String id = new RunEvents().id;

        LaunchResult result = launcher.launch("report", id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.getOutput()).isEmpty();
        assertThat(result.getErrorOutput()).contains("no run " + id + " found on ");
    }

    private static String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The lines of a section of the output: its heading's next lines up to the first blank one. */
    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertThat(start).as("section %s in:%n%s", heading, String.join("\n", lines)).isNotNegative();
        List<String> rest = lines.subList(start + 1, lines.size());
        int end = rest.indexOf("");
        return end < 0 ? rest : rest.subList(0, end);
    }

    private static List<CollectionCheck> checks(long commentsFound) {
        return List.of(new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, commentsFound, commentsFound == 300));
    }

    private static EventEnvelope failed(RunEvents run, double t, String location) {
        return EventEnvelope.of(run.id, 1, "verification-service", "",
                new VerificationFailed(run.spec(), checks(299), FAILED_SUMMARY, location), run.at(t));
    }

    private static EventEnvelope passed(RunEvents run, double t, String location) {
        return EventEnvelope.of(run.id, 1, "verification-service", "",
                new VerificationPassed(run.spec(), checks(300), location, List.of("users", "posts", "comments")),
                run.at(t));
    }

    /** A report as verification-service serves it: posts differ in a row and a key, comments miss a row. */
    private static String failedReport(RunEvents run) {
        return """
                {"id": 7, "migrationId": "%s", "attempt": 1, "passed": false, "summary": "%s",
                 "failures": ["row id=7 of posts differs in title",
                   "1 orphan row(s) of posts: foreign key posts_user_id_fkey (user_id) finds no parent row (id=9)",
                   "smoke check users-have-email: expected 0, found 2"],
                 "mode": "full", "targetProfile": "staging", "snapshotId": "snap-1",
                 "startedAt": "%s", "finishedAt": "%s", "durationMillis": 2000,
                 "checks": [
                   {"collection": "users", "table": "users", "expected": 40, "loaded": 40, "actual": 40, "problems": [], "passed": true},
                   {"collection": "posts", "table": "posts", "expected": 120, "loaded": 120, "actual": 120, "problems": [], "passed": true},
                   {"collection": "comments", "table": "comments", "expected": 300, "loaded": 300, "actual": 299,
                    "problems": ["comments: expected 300 rows, found 299"], "passed": false}],
                 "tables": [
                   %s,
                   {"collection": "posts", "table": "posts", "key": ["id"], "keySource": "primary key", "mode": "full",
                    "sampleRatio": null, "records": 120, "rejected": 0, "rows": 120, "matched": 119, "missing": 0,
                    "extra": 0, "different": 1, "duplicates": 0,
                    "differences": [{"kind": "DIFFERENT", "key": "id=7", "position": 6,
                       "fields": [{"column": "title", "field": "title", "expected": "Hello  world", "actual": "Hello world"}]}],
                    "columns": [{"column": "title", "type": "text", "notStorable": 0, "firstExample": null, "passed": true}],
                    "aggregates": [{"column": "title", "type": "text", "expected": {"nulls": 0, "textLength": 5000},
                       "actual": {"nulls": 0, "textLength": 4999},
                       "problems": ["column title of posts: total text length 5000 expected, 4999 found"], "passed": false}],
                    "keys": [{"kind": "FOREIGN_KEY", "name": "posts_user_id_fkey", "columns": ["user_id"], "violations": 1,
                       "examples": ["id=9: user_id=9999"], "passed": false}],
                    "problems": ["row id=7 of posts differs in title"], "millis": 40, "rowsPerSecond": 3000,
                    "spilledRuns": 0, "passed": false},
                   {"collection": "comments", "table": "comments", "key": ["id"], "keySource": "primary key",
                    "mode": "full", "sampleRatio": null, "records": 300, "rejected": 0, "rows": 299, "matched": 299,
                    "missing": 1, "extra": 0, "different": 0, "duplicates": 0,
                    "differences": [{"kind": "MISSING", "key": "id=300", "position": 299, "fields": []}],
                    "columns": [], "aggregates": [], "keys": [], "problems": ["row id=300 (record 299) is missing from comments"],
                    "millis": 50, "rowsPerSecond": 6000, "spilledRuns": 0, "passed": false}],
                 "smokeChecks": [
                   {"name": "users-count", "kind": "sql", "target": "SELECT count(*) FROM users", "expected": "40",
                    "actual": "40", "passed": true, "problem": null, "millis": 3},
                   {"name": "users-have-email", "kind": "sql", "target": "SELECT count(*) FROM users WHERE email IS NULL",
                    "expected": "0", "actual": "2", "passed": false, "problem": "expected 0, found 2", "millis": 4}]}
                """.formatted(run.id, FAILED_SUMMARY, run.at(4.1), run.at(6), usersTable());
    }

    private static String passedReport(RunEvents run) {
        return """
                {"id": 8, "migrationId": "%s", "attempt": 1, "passed": true, "summary": "3 tables verified",
                 "failures": [], "mode": "full", "targetProfile": "staging", "snapshotId": "snap-1",
                 "startedAt": "%s", "finishedAt": "%s", "durationMillis": 2000,
                 "checks": [{"collection": "users", "table": "users", "expected": 40, "loaded": 40, "actual": 40,
                    "problems": [], "passed": true}],
                 "tables": [%s], "smokeChecks": []}
                """.formatted(run.id, run.at(4.1), run.at(6), usersTable());
    }

    private static String usersTable() {
        return """
                {"collection": "users", "table": "users", "key": ["id"], "keySource": "primary key", "mode": "full",
                 "sampleRatio": null, "records": 40, "rejected": 0, "rows": 40, "matched": 40, "missing": 0, "extra": 0,
                 "different": 0, "duplicates": 0, "differences": [], "columns": [], "aggregates": [], "keys": [],
                 "problems": [], "millis": 10, "rowsPerSecond": 4000, "spilledRuns": 0, "passed": true}""";
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
