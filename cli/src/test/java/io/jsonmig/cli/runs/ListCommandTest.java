package io.jsonmig.cli.runs;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.Topics;
import io.jsonmig.testing.EventProbe;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code list} and {@code status} without an id, on a broker of their own that holds exactly the runs the
 * tests publish, as the services would: first none, then three finished runs, then two more still going.
 */
@QuarkusMainTest
@TestProfile(OwnBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final double HOUR = 3600;
    private static final String LONG_REASON = "V2__indexes.sql failed: relation \"postz\" does not exist (line 14 of "
            + "the migration, creating index posts_by_author)";
    private static final String COLUMNS = "ID STATUS PHASE ATTEMPT TARGET STARTED DURATION OUTCOME";

    private static final RunEvents COMPLETED = new RunEvents();
    private static final RunEvents ROLLED_BACK = new RunEvents();
    private static final RunEvents FAILED = new RunEvents();
    private static final RunEvents ROLLING_BACK = new RunEvents();
    private static final RunEvents RUNNING = new RunEvents();

    private static EventProbe probe;
    private static boolean finishedPublished;
    private static boolean allPublished;

    @BeforeAll
    static void connect() {
        probe = new EventProbe(OwnBroker.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    @Order(1)
    void aBrokerWithoutRunsSaysSoAndExitsZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult list = launcher.launch("list");
        LaunchResult json = launcher.launch("list", "--json");
        LaunchResult status = launcher.launch("status");

        for (LaunchResult result : List.of(list, json, status)) {
            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.getErrorOutput()).contains("no runs found on " + OwnBroker.bootstrapServers());
        }
        assertThat(list.getOutput()).isEmpty();
        assertThat(status.getOutput()).isEmpty();
        JsonNode document = JSON.readTree(json.getOutput());
        assertThat(document.get("bootstrap").asText()).isEqualTo(OwnBroker.bootstrapServers());
        assertThat(document.get("runs").isArray()).isTrue();
        assertThat(document.get("runs")).isEmpty();
    }

    @Test
    @Order(2)
    void statusWithoutIdShowsTheLatestRunWhenNoneIsGoingOn(QuarkusMainLauncher launcher) throws Exception {
        publishFinished();

        LaunchResult text = launcher.launch("status");
        LaunchResult json = launcher.launch("status", "--json");

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(ids(rows(text))).containsExactly(FAILED.id);
        assertThat(text.getErrorOutput()).contains("no run is going on; the latest is shown");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(json.getOutput()).get("runs")).extracting(r -> r.get("migrationId").asText())
                .containsExactly(FAILED.id);
    }

    @Test
    @Order(3)
    void listsEveryRunNewestFirstOneLineEachSkippingWhatIsNotAnEvent(QuarkusMainLauncher launcher) {
        publishAll();

        LaunchResult result = launcher.launch("list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.getOutput().lines().toList();
        assertThat(String.join(" ", lines.get(0).split("\\s+"))).isEqualTo(COLUMNS);
        List<String[]> rows = rows(result);
        assertThat(ids(rows)).containsExactly(RUNNING.id, ROLLING_BACK.id, FAILED.id, ROLLED_BACK.id, COMPLETED.id);

        assertThat(rows.get(0)).startsWith(RUNNING.id, "RUNNING", "migration", "2", "staging", local(RUNNING.at(-600)));
        assertThat(rows.get(0)[6]).as("from its start until now").matches("\\d+m\\d\\ds");
        assertThat(rows.get(0)[7]).as("when its last phase event came").matches("last phase event \\d+m\\d\\ds ago");

        assertThat(rows.get(1)).startsWith(ROLLING_BACK.id, "ROLLING_BACK", "rollback", "1", "staging",
                local(ROLLING_BACK.at(-HOUR)));
        assertThat(rows.get(1)[7]).matches("last phase event \\S+ ago; verification: orders expected 5 rows, found 4");

        assertThat(rows.get(2)).containsExactly(FAILED.id, "FAILED", "rollback", "1", "staging",
                local(FAILED.at(-2 * HOUR)), "2.0s", "source directory is not readable");
        assertThat(rows.get(3)).containsExactly(ROLLED_BACK.id, "ROLLED_BACK", "rollback", "1", "staging",
                local(ROLLED_BACK.at(-3 * HOUR)), "4.5s", LONG_REASON.substring(0, 59) + "…");
        assertThat(rows.get(4)).containsExactly(COMPLETED.id, "COMPLETED", "cutover", "1", "staging",
                local(COMPLETED.at(-4 * HOUR)), "6.1s", "460 rows loaded");

        assertThat(result.getErrorOutput()).contains("skipped 1 record(s) that are not valid events")
                .contains(Topics.MIGRATION_REQUESTED);
    }

    @Test
    @Order(4)
    void theStatusFilterAndTheLimitChooseWhichRuns(QuarkusMainLauncher launcher) {
        publishAll();

        LaunchResult finished = launcher.launch("list", "--status", "rolled_back,FAILED");
        LaunchResult newest = launcher.launch("list", "--limit", "2");
        LaunchResult oneCompleted = launcher.launch("list", "--status", "completed", "--limit", "1");
        LaunchResult none = launcher.launch("list", "--status", "requested");

        assertThat(ids(rows(finished))).containsExactly(FAILED.id, ROLLED_BACK.id);
        assertThat(ids(rows(newest))).containsExactly(RUNNING.id, ROLLING_BACK.id);
        assertThat(newest.getErrorOutput()).contains("showing the 2 newest of 5 run(s)");
        assertThat(ids(rows(oneCompleted))).containsExactly(COMPLETED.id);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(none.getOutput()).isEmpty();
        assertThat(none.getErrorOutput()).contains("no REQUESTED runs found on " + OwnBroker.bootstrapServers()
                + " (5 run(s) in all)");
    }

    @Test
    @Order(5)
    void jsonListsEveryRunFieldByField(QuarkusMainLauncher launcher) throws Exception {
        publishAll();

        LaunchResult result = launcher.launch("list", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode document = JSON.readTree(result.getOutput());
        assertThat(document.get("bootstrap").asText()).isEqualTo(OwnBroker.bootstrapServers());
        JsonNode runs = document.get("runs");
        assertThat(runs).extracting(r -> r.get("migrationId").asText())
                .containsExactly(RUNNING.id, ROLLING_BACK.id, FAILED.id, ROLLED_BACK.id, COMPLETED.id);

        JsonNode running = runs.get(0);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("phase").asText()).isEqualTo("MIGRATION");
        assertThat(running.get("attempt").asInt()).isEqualTo(2);
        assertThat(running.get("finished").asBoolean()).isFalse();
        assertThat(running.get("dryRun").asBoolean()).isFalse();
        assertThat(running.get("targetProfile").asText()).isEqualTo("staging");
        assertThat(running.get("sourceDir").asText()).isEqualTo("/srv/blog/json");
        assertThat(running.get("startedAt").asText()).isEqualTo(RUNNING.at(-600).toString());
        assertThat(running.get("updatedAt").asText()).isEqualTo(RUNNING.at(-499).toString());
        assertThat(running.get("durationMillis").asLong()).isEqualTo(101_000);
        assertThat(running.get("rowsLoaded").asLong()).isZero();
        assertThat(running.has("failureReason")).as("a new attempt starts without a failure").isFalse();

        JsonNode rolledBack = runs.get(3);
        assertThat(rolledBack.get("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.get("finished").asBoolean()).isTrue();
        assertThat(rolledBack.get("failureReason").asText()).isEqualTo(LONG_REASON);
        assertThat(rolledBack.get("rollbackTrigger").asText()).isEqualTo("PHASE_FAILED");
        assertThat(rolledBack.get("durationMillis").asLong()).isEqualTo(4_500);

        JsonNode completed = runs.get(4);
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("phase").asText()).isEqualTo("CUTOVER");
        assertThat(completed.get("finished").asBoolean()).isTrue();
        assertThat(completed.get("dryRun").asBoolean()).isFalse();
        assertThat(completed.get("rowsLoaded").asLong()).isEqualTo(460);
        assertThat(completed.get("durationMillis").asLong()).isEqualTo(6_100);
        assertThat(completed.get("warnings")).isEmpty();
        assertThat(result.getOutput().strip()).startsWith("{").endsWith("}");
    }

    @Test
    @Order(6)
    void statusWithoutIdShowsTheRunsGoingOn(QuarkusMainLauncher launcher) throws Exception {
        publishAll();

        LaunchResult text = launcher.launch("status");
        LaunchResult json = launcher.launch("status", "--json");

        assertThat(ids(rows(text))).containsExactly(RUNNING.id, ROLLING_BACK.id);
        assertThat(text.getErrorOutput()).contains("details: ./jsonmig status ID");
        assertThat(JSON.readTree(json.getOutput()).get("runs")).extracting(r -> r.get("migrationId").asText()
                + " " + r.get("finished").asBoolean()).containsExactly(RUNNING.id + " false", ROLLING_BACK.id + " false");
    }

    @Test
    @Order(7)
    void badFiltersAreRefused(QuarkusMainLauncher launcher) {
        LaunchResult status = launcher.launch("list", "--status", "finished");
        LaunchResult limit = launcher.launch("list", "--limit", "0");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.getErrorOutput()).contains("--status").contains("finished");
        assertThat(limit.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(limit.getErrorOutput()).contains("--limit must be 1 or more, was 0");
    }

    /** Three runs that ended, hours ago: completed, rolled back, failed. */
    private static synchronized void publishFinished() {
        if (finishedPublished) {
            return;
        }
        double c = -4 * HOUR;
        publish(COMPLETED.requested(c), COMPLETED.backupCompleted(c + 1.2), COMPLETED.dataMigrated(c + 4),
                COMPLETED.verificationPassed(c + 6), COMPLETED.cutoverReady(c + 6.1));
        double r = -3 * HOUR;
        publish(ROLLED_BACK.requested(r), ROLLED_BACK.backupCompleted(r + 1),
                ROLLED_BACK.phaseFailed(r + 2, Phase.MIGRATION, LONG_REASON),
                ROLLED_BACK.rollbackRequested(r + 2.1, Phase.MIGRATION, LONG_REASON),
                ROLLED_BACK.rollbackStep(r + 3, "migration-service", true, "dropped table public.users"),
                ROLLED_BACK.rollbackStep(r + 4, "backup-service", true, "db.json matches the backup"),
                ROLLED_BACK.datasourceReverted(r + 4.5));
        double f = -2 * HOUR;
        publish(FAILED.requested(f), FAILED.phaseFailed(f + 1, Phase.BACKUP, "source directory is not readable"),
                FAILED.rollbackRequested(f + 1.1, Phase.BACKUP, "source directory is not readable"),
                FAILED.rollbackStep(f + 2, "migration-service", false, "could not drop table public.users"));
        finishedPublished = true;
    }

    /** Then two runs still going (one in its second attempt) and a record that is not an event. */
    private static synchronized void publishAll() {
        publishFinished();
        if (allPublished) {
            return;
        }
        double b = -HOUR;
        String orders = "verification: orders expected 5 rows, found 4";
        publish(ROLLING_BACK.requested(b), ROLLING_BACK.backupCompleted(b + 1), ROLLING_BACK.dataMigrated(b + 2),
                ROLLING_BACK.rollbackRequested(b + 3, Phase.VERIFICATION, orders));
        publish(RUNNING.requested(-600), RUNNING.backupCompleted(-599),
                RUNNING.phaseFailed(-598, Phase.MIGRATION, "lost the connection"),
                RUNNING.rollbackRequested(-597.9, Phase.MIGRATION, "lost the connection"),
                RUNNING.rollbackStep(-597, "migration-service", true, "dropped table public.users"),
                RUNNING.rollbackStep(-596, "backup-service", true, "db.json matches the backup"),
                RUNNING.datasourceReverted(-595));
        RUNNING.inAttempt(2);
        publish(RUNNING.retryRequested(-500, Phase.MIGRATION), RUNNING.backupCompleted(-499),
                RUNNING.progress(-498, "users", 10, 40));
        probe.publishRaw(Topics.MIGRATION_REQUESTED, "mig-garbage", "not an event".getBytes(StandardCharsets.UTF_8));
        allPublished = true;
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }

    /** The table's rows (header left out), cells split where two or more blanks separate the columns. */
    private static List<String[]> rows(LaunchResult result) {
        List<String> lines = result.getOutput().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the table in:%n%s", result.getOutput()).isNotEmpty();
        assertThat(String.join(" ", lines.get(0).split("\\s+"))).isEqualTo(COLUMNS);
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\\s{2,}")).toList();
    }

    private static List<String> ids(List<String[]> rows) {
        return rows.stream().map(r -> r[0]).toList();
    }

    private static String local(Instant at) {
        return LOCAL.format(at);
    }
}
