package io.jsonmig.cli.watch;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.EventProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusMainTest
@WithTestResource(KafkaBrokerResource.class)
class WatchCommandTest {

    private static EventProbe probe;

    @BeforeAll
    static void connect() {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void aCompletedRunExitsZeroWithItsTimelineInOrderAndASummary(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        RunEvents otherRun = new RunEvents();
        // published out of order, with another run's events in between
        publish(run.cutoverReady(6.1), run.requested(0), otherRun.requested(0.5), run.dataMigrated(4),
                run.progress(3, "users", 40, 40), run.backupCompleted(1.2), run.verificationPassed(6),
                otherRun.backupCompleted(1));

        LaunchResult result = launcher.launch("watch", run.id, "--timeout", "60s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> timeline = result.getOutput().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*")).toList();
        assertThat(timeline).extracting(l -> l.split("\\s+")[1]).containsExactly(
                "run/migration.requested", "backup/backup.completed", "migration/data.migrated",
                "verification/verification.passed", "cutover/cutover.ready");
        assertThat(timeline.get(2)).contains("460 rows into 3 table(s)");
        assertThat(result.getOutput())
                .contains("Run " + run.id + " COMPLETED: verified, cut-over ready")
                .containsPattern("backup\\s+SUCCEEDED\\s+1\\.2s")
                .containsPattern("migration\\s+SUCCEEDED\\s+2\\.8s")
                .containsPattern("cutover\\s+SUCCEEDED\\s+0\\.1s")
                .contains("rows loaded      460 (users 40, posts 120, comments 300)")
                .contains("start to cut-over ready  6.1s")
                .doesNotContain(otherRun.id)
                .doesNotContain("rollback");
    }

    @Test
    void aRolledBackRunExitsTwoWithTheReasonAndTheRollbackActions(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        String reason = "V2__indexes.sql failed: relation \"postz\" does not exist";
        publish(run.requested(0), run.backupCompleted(1), run.phaseFailed(2, Phase.MIGRATION, reason),
                run.rollbackRequested(2.1, Phase.MIGRATION, reason),
                run.rollbackStep(3, "migration-service", true, "dropped table public.users"),
                run.rollbackStep(4, "backup-service", true, "db.json matches the backup"),
                run.datasourceReverted(4.5));

        LaunchResult result = launcher.launch("watch", run.id, "--timeout", "60s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(result.getOutput())
                .contains("migration/phase.failed")
                .contains("rollback/datasource.reverted")
                .contains("ROLLED_BACK: rolled back")
                .containsPattern("migration\\s+FAILED")
                .containsPattern("rollback\\s+SUCCEEDED\\s+2\\.4s")
                .contains("failure          " + reason)
                .contains("- migration-service: dropped table public.users")
                .contains("- backup-service: db.json matches the backup");
    }

    @Test
    void aRunWhoseCompensationFailedExitsThree(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.phaseFailed(1, Phase.BACKUP, "source directory is not readable"),
                run.rollbackRequested(1.1, Phase.BACKUP, "source directory is not readable"),
                run.rollbackStep(2, "migration-service", false, "could not drop table public.users: permission denied"));

        LaunchResult result = launcher.launch("watch", run.id, "--timeout", "60s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.getOutput()).contains("FAILED: a compensation failed")
                .contains("rollback step FAILED by migration-service")
                .contains("failure          source directory is not readable");
    }

    @Test
    void anUnfinishedRunTimesOutWithFourAndSaysWhereItStands(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), run.progress(2, "posts", 60, 120));

        LaunchResult result = launcher.launch("watch", run.id, "--timeout", "3s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.getOutput()).contains("backup/backup.completed")
                .contains("migration/progress").contains("posts 60/120 (50%)")
                .contains("still RUNNING after 3.0s (watch timed out)")
                .containsPattern("migration\\s+RUNNING");
    }

    @Test
    void anUnknownRunTimesOutSayingNoEventsWereSeen(QuarkusMainLauncher launcher) {
        String id = new RunEvents().id;

        LaunchResult result = launcher.launch("watch", id, "--timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(result.getOutput()).contains("Run " + id + ": no events within 2.0s");
    }

    @Test
    void anUnreadableRecordOfTheRunIsReportedAndSkipped(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        probe.publishRaw("jsonmig.backup.completed", run.id, "{not json".getBytes(StandardCharsets.UTF_8));
        publish(run.requested(0), run.backupCompleted(1), run.dataMigrated(2), run.verificationPassed(3),
                run.cutoverReady(3.5));

        LaunchResult result = launcher.launch("watch", run.id, "--timeout", "60s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getErrorOutput()).contains("skipped an unreadable record of run " + run.id)
                .contains("jsonmig.backup.completed");
    }

    @Test
    void withJsonEveryLineIsAnObjectTheEventsInOrderThenTheOutcome(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        publish(run.cutoverReady(6.1), run.requested(0), run.dataMigrated(4), run.progress(3, "users", 40, 40),
                run.backupCompleted(1.2), run.verificationPassed(6));

        LaunchResult result = launcher.launch("watch", run.id, "--json", "--timeout", "60s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.getOutput().lines().toList()) {
            lines.add(EventJson.mapper().readTree(line));
        }
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 5)).extracting(l -> l.path("type").asText()).containsExactly(
                "migration.requested", "backup.completed", "data.migrated", "verification.passed", "cutover.ready");
        assertThat(lines.subList(0, 5)).allSatisfy(l -> assertThat(l.path("migrationId").asText()).isEqualTo(run.id));
        assertThat(lines.get(2).at("/payload/totalRows").asLong()).isEqualTo(460);
        JsonNode last = lines.get(5);
        assertThat(last.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("exitCode").asInt()).isEqualTo(ExitCodes.OK);
        assertThat(last.at("/state/status").asText()).isEqualTo("COMPLETED");
        assertThat(last.at("/state/phases/CUTOVER/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(last.at("/state/progress/MIGRATION~1users/done").asLong()).isEqualTo(40);
        assertThat(last.path("tables")).hasSize(3);
        assertThat(last.path("reportLocation").asText()).endsWith("/verifications/" + run.id);
        assertThat(result.getErrorOutput()).contains("Watching run " + run.id);
    }

    @Test
    void withJsonTheExitCodesAreTheSame(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String reason = "source directory is not readable";
        publish(run.requested(0), run.phaseFailed(1, Phase.BACKUP, reason), run.rollbackRequested(1.1, Phase.BACKUP, reason),
                run.rollbackStep(2, "backup-service", true, "db.json matches the backup"), run.datasourceReverted(2.5));

        LaunchResult rolledBack = launcher.launch("watch", run.id, "--json", "--timeout", "60s");
        LaunchResult unknown = launcher.launch("watch", new RunEvents().id, "--json", "--timeout", "2s");

        assertThat(rolledBack.exitCode()).isEqualTo(ExitCodes.ROLLED_BACK);
        JsonNode last = EventJson.mapper().readTree(rolledBack.getOutput().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(last.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(last.at("/state/failureReason").asText()).isEqualTo(reason);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(EventJson.mapper().readTree(unknown.getOutput()).path("outcome").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void withLiveTheScreenIsDrawnEvenIntoAPipeAndStaysAboveTheSummary(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 40, 40), run.dataMigrated(3),
                run.verificationPassed(4), run.cutoverReady(4.5));

        LaunchResult result = launcher.launch("watch", run.id, "--live", "--no-color", "--timeout", "60s");

        // (the launcher's captured output has the escape codes taken out; WatchTerminalIT reads a real terminal)
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String output = result.getOutput();
        assertThat(output).contains("Run " + run.id + "  COMPLETED  attempt 1  target staging  elapsed 4s")
                .containsPattern("MIGRATION +[█#.\\[\\]]+ 100%  done in 2.0s")
                .containsPattern("CUTOVER +[█#.\\[\\]]+ 100%  done in 0.5s")
                .doesNotContain("migration/progress");
        assertThat(output.lastIndexOf("CUTOVER")).isLessThan(output.indexOf("Run " + run.id + " COMPLETED: verified"));
    }

    @Test
    void helpNamesTheWaysOfShowingARunAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("watch", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("--live").contains("--plain").contains("--json").contains("--no-color")
                .contains("(done/total, %,").contains("jsonmig watch \"$ID\" --json | jq")
                .contains("0  completed").contains("2  rolled back").contains("3  failed").contains("4  the timeout passed");
        assertThat(result.getErrorOutput()).doesNotContain("WARN");
    }

    @Test
    void onlyOneWayOfShowingTheRunAtATime(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("watch", new RunEvents().id, "--live", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("--live", "--json").contains("mutually exclusive");
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
