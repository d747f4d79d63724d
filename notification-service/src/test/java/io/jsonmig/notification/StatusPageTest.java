package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The HTML status page and the run's event stream, against a real broker and database. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class StatusPageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @TestHTTPResource("/")
    URL base;

    @Test
    void theRunListShowsEachRunWithItsStatusAndProgressAndTheRootLeadsToIt() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested(), run.backupCompleted());
        awaitTimelineSize(run.migrationId, 2);

        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", containsString("/status"));
        String html = given().accept("text/html").get("/status").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();

        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("href=\"/status/" + run.migrationId + "\"")
                .contains("1 of 5 phases");
        String row = html.substring(html.indexOf("href=\"/status/" + run.migrationId));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<td data-label=\"Target\">test</td>").contains("data-status=\"RUNNING\">running</span>").contains("Migration").contains("<progress")
                .contains("value=\"1\"").contains("max=\"5\"")
                .contains(run.start.toString().substring(0, 10));
    }

    @Test
    void aRunPageShowsPhasesProgressVerificationAndTheTimeline() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested(), run.backupProgress(), run.backupCompleted(),
                run.migrationProgress("users", 40, 40, 4_000), run.migrationProgress("comments", 150, 300, 5_000),
                run.dataMigrated(), run.verificationPassed());
        awaitTimelineSize(run.migrationId, 4);

        String html = given().get("/status/{id}", run.migrationId).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();

        assertThat(html).contains("data-migration-id=\"" + run.migrationId + "\"")
                // the newest stored event, from which the page's stream goes on
                .contains("data-last-event-id=\"" + run.verificationPassed().eventId() + "\"")
                .contains("<tr data-phase=\"BACKUP\">").contains("tone-ok\" data-status=\"SUCCEEDED\">succeeded</span>")
                .contains("<tr data-phase=\"VERIFICATION\">")
                // comments: 150 of 300 two seconds after the migration phase started at 3 s
                .contains("data-key=\"MIGRATION/comments\"")
                .contains("max=\"300\" value=\"150\"")
                .contains("150 of 300 records (50%) · 75 records/s · about 2.0 s left")
                .contains("40 of 40 records (100%)")
                .contains("Report: <code>/var/lib/jsonmig/reports/" + run.migrationId + ".json")
                .contains("<td data-label=\"Collection\">comments</td><td data-label=\"Table\">comments</td>")
                .contains(run.dataMigrated().eventId())
                .contains("verification passed: 3 check(s) agree")
                .contains("<script src=\"/assets/status.js\"></script>");
        assertThat(html.indexOf("migration.requested")).isLessThan(html.indexOf("verification.passed"));

        given().get("/assets/status.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/assets/status.js").then().statusCode(200).body(containsString("EventSource"));
    }

    @Test
    void aRunInItsWindowShowsTheWindowWithItsEndAndTimeLeftAndItsEndOnceFinalized() {
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withStabilization(
                io.jsonmig.events.payload.Stabilization.of(java.time.Duration.ofHours(72))));
        publish(run.requested(), run.backupCompleted(), run.dataMigrated(), run.verificationPassed(),
                run.cutoverReady());
        awaitTimelineSize(run.migrationId, 5);

        String html = given().get("/status/{id}", run.migrationId).then().statusCode(200).extract().asString();

        assertThat(html).contains("data-status=\"STABILIZING\">cut over, window open</span>")
                .contains("<tr data-phase=\"STABILIZATION\">")
                .contains("data-status=\"RUNNING\">window open</span>");
        String window = html.substring(html.indexOf("<section id=\"window\""));
        assertThat(window).startsWith("<section id=\"window\" aria-labelledby=\"window-title\" data-open=\"true\" "
                + "data-ends-at=\"" + run.at(11_000).plus(java.time.Duration.ofHours(72)) + "\">");
        assertThat(window).containsPattern("<p id=\"window-text\">open until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC "
                + "\\(7[012] h \\d+ min left\\): the JSON files are the way back until then</p>");

        publish(run.runFinalized());
        awaitTimelineSize(run.migrationId, 6);
        String finalized = given().get("/status/{id}", run.migrationId).then().statusCode(200).extract().asString();
        assertThat(finalized).contains("data-status=\"COMPLETED\">completed</span>")
                .contains("data-status=\"SUCCEEDED\">finalized</span>")
                .contains("by ops@example.com: the data lives in PostgreSQL for good</p>")
                .contains("data-open=\"false\"");
    }

    @Test
    void whatEventsSayIsEscapedOnThePage() {
        BlogRun run = BlogRun.startingAt(now());
        String hostile = "<img src=x onerror=alert(1)> & \"quotes\"";
        EventEnvelope failed = EventEnvelope.of(run.migrationId, 1, "migration-service", "MIGRATION",
                new PhaseFailed(Phase.MIGRATION, hostile, List.of(hostile), run.spec), run.at(6_000));
        publish(run.requested(), failed);
        awaitTimelineSize(run.migrationId, 2);

        String html = given().get("/status/{id}", run.migrationId).then().statusCode(200).extract().asString();

        assertThat(html).doesNotContain("<img src=x")
                .contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
        assertThat(html.substring(html.indexOf("<section id=\"failure\""))).startsWith(
                "<section id=\"failure\" aria-labelledby=\"failure-title\" class=\"alert\">");
    }

    @Test
    void aDryRunIsShownAsOneWithItsCutOverSkipped() {
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withDryRun(true));
        BlogRun real = BlogRun.startingAt(now());
        publish(run.requested(), run.backupCompleted(), run.dataMigrated(), run.verificationPassed(),
                run.dryRunCompleted(), real.requested());
        awaitTimelineSize(run.migrationId, 5);
        awaitTimelineSize(real.migrationId, 1);

        given().get("/migrations/{id}", run.migrationId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("spec.dryRun", equalTo(true))
                .body("phases.VERIFICATION.status", equalTo("SUCCEEDED"))
                .body("phases.CUTOVER.status", equalTo("SKIPPED"))
                .body("phases.CUTOVER.detail", containsString("nothing was cut over"));
        given().get("/migrations").then().statusCode(200)
                .body("find { it.migrationId == '" + run.migrationId + "' }.dryRun", equalTo(true));

        String page = given().get("/status/{id}", run.migrationId).then().statusCode(200).extract().asString();
        assertThat(page).contains("<span class=\"badge dry-run\">dry run</span>")
                .contains("throwaway schema <code>" + DryRuns.schemaFor(run.migrationId) + "</code>")
                .contains("<a id=\"report-link\" href=\"http://127.0.0.1:8083/verifications/"
                        + run.migrationId + ".html\">The verification report</a>");
        String cutover = page.substring(page.indexOf("<tr data-phase=\"CUTOVER\">"));
        cutover = cutover.substring(0, cutover.indexOf("</tr>"));
        assertThat(cutover).contains("<span class=\"badge phase-status tone-idle\" data-status=\"SKIPPED\">skipped</span>")
                .contains("nothing was cut over");

        String list = given().get("/status").then().statusCode(200).extract().asString();
        assertThat(rowOf(list, run.migrationId)).contains("<span class=\"badge dry-run\">dry run</span>")
                .contains("tone-ok\" data-status=\"COMPLETED\">completed</span>");
        assertThat(rowOf(list, real.migrationId)).doesNotContain("badge dry-run");
        assertThat(given().get("/status/{id}", real.migrationId).then().statusCode(200).extract().asString())
                .doesNotContain("badge dry-run").doesNotContain("throwaway schema");
    }

    private static String rowOf(String runList, String migrationId) {
        String row = runList.substring(runList.indexOf("href=\"/status/" + migrationId));
        return row.substring(0, row.indexOf("</tr>"));
    }

    @Test
    void anInvalidOrUnknownRunGetsAnHtmlErrorPage() {
        given().get("/status/{id}", "no such run!").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("Invalid run id"));
        BlogRun never = BlogRun.startingAt(now());
        given().get("/status/{id}", never.migrationId).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("unknown run " + never.migrationId));
    }

    @Test
    void theEventStreamSendsEachNewlyStoredEventOfTheRunWithHeartbeats() throws IOException {
        BlogRun run = BlogRun.startingAt(now());
        BlogRun other = BlogRun.startingAt(now().minusSeconds(1));
        publish(run.requested(), other.requested());
        awaitTimelineSize(run.migrationId, 1);
        awaitTimelineSize(other.migrationId, 1);

        try (SseClient stream = SseClient.open(eventsOf(run.migrationId), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            EventEnvelope progress = run.migrationProgress("users", 10, 40, 4_000);
            // one after the other: they travel on different topics
            publish(other.backupCompleted(), run.backupCompleted());
            await("backup.completed on the stream").atMost(TIMEOUT).until(() -> stream.events().size() >= 1);
            publish(progress);
            await("progress on the stream").atMost(TIMEOUT).until(() -> stream.events().size() >= 2);
            List<SseClient.Frame> events = stream.events();
            assertThat(events).extracting(SseClient.Frame::event).containsExactly("backup.completed", "progress");
            assertThat(events).extracting(SseClient.Frame::id)
                    .containsExactly(run.backupCompleted().eventId(), progress.eventId());

            JsonNode backup = EventJson.mapper().readTree(events.get(0).data());
            assertThat(backup.at("/event/migrationId").asText()).isEqualTo(run.migrationId);
            assertThat(backup.at("/entry/type").asText()).isEqualTo("backup.completed");
            assertThat(backup.at("/status").asText()).isEqualTo("RUNNING");
            assertThat(backup.at("/phases/0/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(backup.has("progress")).isFalse();

            JsonNode bar = EventJson.mapper().readTree(events.get(1).data());
            assertThat(bar.at("/event/payload/done").asLong()).isEqualTo(10);
            assertThat(bar.at("/progress/key").asText()).isEqualTo("MIGRATION/users");
            assertThat(bar.at("/progress/percent").asInt()).isEqualTo(25);
            assertThat(bar.at("/progress/label").asText()).isEqualTo("10 of 40 records (25%) · 10 records/s · about 3.0 s left");
            assertThat(bar.has("entry")).isFalse();

            // configured at 1 s in tests
            await("a heartbeat").atMost(TIMEOUT).until(() -> stream.frames().stream()
                    .anyMatch(f -> "heartbeat".equals(f.comment())));
        }
    }

    @Test
    void aReconnectingClientGetsTheStoredEventsAfterItsLastOneThenLiveOnes() {
        BlogRun run = BlogRun.startingAt(now());
        EventEnvelope progress = run.migrationProgress("users", 40, 40, 4_000);
        publish(run.requested(), run.backupProgress(), run.backupCompleted(), progress);
        awaitTimelineSize(run.migrationId, 2);
        await().atMost(TIMEOUT).until(() -> given().get("/migrations/{id}", run.migrationId).jsonPath()
                .getMap("progress").containsKey("MIGRATION/users"));

        try (SseClient stream = SseClient.open(eventsOf(run.migrationId),
                Map.of("Last-Event-ID", run.backupProgress().eventId()))) {
            await("replay").atMost(TIMEOUT).until(() -> stream.events().size() >= 2);
            publish(run.dataMigrated());
            await("the live event after the replay").atMost(TIMEOUT).until(() -> stream.events().size() >= 3);

            assertThat(stream.events()).extracting(SseClient.Frame::id).containsExactly(
                    run.backupCompleted().eventId(), progress.eventId(), run.dataMigrated().eventId());
        }

        // The page's first connection names the newest event it shows the same way, as a query parameter.
        try (SseClient stream = SseClient.open(URI.create(eventsOf(run.migrationId) + "?lastEventId="
                + run.backupCompleted().eventId()), Map.of())) {
            await("replay").atMost(TIMEOUT).until(() -> stream.events().size() >= 2);
            assertThat(stream.events()).extracting(SseClient.Frame::event)
                    .containsExactly("progress", "data.migrated");
        }
    }

    @Test
    void theEventStreamRefusesAnUnknownRunAndInvalidIds() {
        BlogRun never = BlogRun.startingAt(now());
        try (SseClient unknown = SseClient.open(eventsOf(never.migrationId), Map.of())) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"error\"").contains("unknown run " + never.migrationId);
        }
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested());
        awaitTimelineSize(run.migrationId, 1);
        try (SseClient invalid = SseClient.open(eventsOf(run.migrationId), Map.of("Last-Event-ID", "x y<z>"))) {
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body()).contains("invalid last event id");
        }
        given().get("/migrations/{id}/events", "bad id").then().statusCode(400);
    }

    @Test
    void theJsonTimelineIsUnchanged() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested());
        awaitTimelineSize(run.migrationId, 1);
        given().accept("application/json").get("/migrations/{id}", run.migrationId).then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("migrationId", equalTo(run.migrationId))
                .body(not(containsString("<html")));
    }

    private URI eventsOf(String migrationId) {
        return URI.create(base.toString()).resolve("/migrations/" + migrationId + "/events");
    }

    private static void awaitTimelineSize(String migrationId, int size) {
        await("run " + migrationId + " with " + size + " timeline entries").atMost(TIMEOUT).until(() -> {
            var response = given().get("/migrations/{id}", migrationId);
            return response.statusCode() == 200 && response.jsonPath().getList("timeline").size() == size;
        });
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
