package io.jsonmig.cli.runs;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code status ID} against a real broker holding the run's events as the services publish them. */
@QuarkusMainTest
@WithTestResource(KafkaBrokerResource.class)
class StatusCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String REASON = "V2__indexes.sql failed: relation \"postz\" does not exist";

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
    void aRunningRunShowsItsPhasesProgressAndHowToFollowIt(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1.5), run.progress(2, "users", 40, 40),
                run.progress(3, "posts", 30, 120), run.progress(4, "posts", 60, 120));

        LaunchResult text = launcher.launch("status", run.id);

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.getOutput())
                .contains("Run " + run.id + ": RUNNING (attempt 1), phase migration")
                .contains("target profile   staging (source /srv/blog/json)")
                .containsPattern("backup\\s+SUCCEEDED\\s+\\d\\d:\\d\\d:\\d\\d\\s+1\\.5s")
                .containsPattern("migration\\s+RUNNING\\s+\\d\\d:\\d\\d:\\d\\d\\s+\\S+ so far")
                .containsPattern("verification\\s+PENDING")
                .containsPattern("migration/users\\s+40/40 \\(100%\\)")
                .containsPattern("migration/posts\\s+60/120 \\(50%\\)")
                .contains("follow it:", "./jsonmig watch " + run.id)
                .contains("roll it back:", "./jsonmig abort " + run.id)
                .doesNotContain("rollback actions").doesNotContain("failure");
        assertThat(text.getErrorOutput()).isEmpty();

        LaunchResult json = launcher.launch("status", run.id, "--json");

        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode document = JSON.readTree(json.getOutput());
        JsonNode state = document.get("run");
        assertThat(state.get("migrationId").asText()).isEqualTo(run.id);
        assertThat(state.get("status").asText()).isEqualTo("RUNNING");
        assertThat(state.get("phase").asText()).isEqualTo("MIGRATION");
        assertThat(state.get("attempt").asInt()).isEqualTo(1);
        assertThat(state.get("startedAt").asText()).isEqualTo(run.at(0).toString());
        assertThat(state.at("/spec/targetProfile").asText()).isEqualTo("staging");
        assertThat(state.at("/phases/BACKUP/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(state.at("/phases/BACKUP/finishedAt").asText()).isEqualTo(run.at(1.5).toString());
        assertThat(state.at("/phases/MIGRATION/status").asText()).isEqualTo("RUNNING");
        assertThat(state.at("/progress/MIGRATION~1posts/done").asLong()).isEqualTo(60);
        assertThat(state.at("/progress/MIGRATION~1posts/total").asLong()).isEqualTo(120);
        assertThat(state.get("timeline")).extracting(e -> e.get("type").asText())
                .containsExactly("migration.requested", "backup.completed");
        assertThat(state.has("seenEventIds")).isFalse();
        assertThat(document.get("tables")).isEmpty();
        assertThat(document.has("reportLocation")).isFalse();
        assertThat(document.get("nextSteps")).extracting(s -> s.get("command").asText())
                .containsExactly("./jsonmig watch " + run.id, "./jsonmig abort " + run.id + " --reason '...'");
    }

    @Test
    void aCompletedRunShowsItsRowsChecksAndReport(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1.2), run.dataMigrated(4), run.verificationPassed(6),
                run.driftChecked(6.05, true), run.cutoverReady(6.1));
        String report = "http://127.0.0.1:8083/verifications/" + run.id;

        LaunchResult text = launcher.launch("status", run.id);

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.getOutput())
                .contains("Run " + run.id + ": COMPLETED (attempt 1): verified, cut-over ready")
                .containsPattern("migration\\s+SUCCEEDED\\s+\\S+\\s+2\\.8s")
                .containsPattern("cutover\\s+SUCCEEDED\\s+\\S+\\s+0\\.1s")
                .contains("rows loaded      460 (users 40, posts 120, comments 300)")
                .contains("checks           users 40/40 ok, posts 120/120 ok, comments 300/300 ok")
                .contains("report           " + report + ".html")
                .contains("read the verification report:", "./jsonmig report " + run.id)
                .doesNotContain("progress").doesNotContain("PENDING").doesNotContain("WARNING");

        JsonNode document = JSON.readTree(launcher.launch("status", run.id, "--json").getOutput());
        assertThat(document.at("/run/status").asText()).isEqualTo("COMPLETED");
        assertThat(document.at("/run/rowsLoaded").asLong()).isEqualTo(460);
        assertThat(document.at("/run/updatedAt").asText()).isEqualTo(run.at(6.1).toString());
        assertThat(document.at("/run/checks/1/table").asText()).isEqualTo("posts");
        assertThat(document.at("/run/checks/1/expected").asLong()).isEqualTo(120);
        assertThat(document.at("/run/checks/1/passed").asBoolean()).isTrue();
        assertThat(document.at("/run/drift/clean").asBoolean()).isTrue();
        assertThat(document.get("tables")).extracting(t -> t.get("table").asText() + " " + t.get("rows").asLong())
                .containsExactly("users 40", "posts 120", "comments 300");
        assertThat(document.get("reportLocation").asText()).isEqualTo(report);
        assertThat(document.get("reportPage").asText()).isEqualTo(report + ".html");
        assertThat(document.get("nextSteps")).extracting(s -> s.get("command").asText())
                .containsExactly("./jsonmig report " + run.id);
    }

    @Test
    void aRolledBackRunShowsWhyWhatWasUndoneAndHowToRetry(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), run.phaseFailed(2, Phase.MIGRATION, REASON),
                run.rollbackRequested(2.1, Phase.MIGRATION, REASON),
                run.rollbackStep(3, "migration-service", true, "dropped table public.users"),
                run.rollbackStep(4, "backup-service", true, "db.json matches the backup"),
                run.datasourceReverted(4.5));

        LaunchResult text = launcher.launch("status", run.id);

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.getOutput())
                .contains("Run " + run.id + ": ROLLED_BACK (attempt 1): rolled back, the application is back on its "
                        + "JSON files")
                .containsPattern("migration\\s+FAILED")
                .containsPattern("rollback\\s+SUCCEEDED\\s+\\S+\\s+2\\.4s")
                .contains("failure          " + REASON)
                .contains("rollback trigger PHASE_FAILED")
                .contains("- migration-service: dropped table public.users")
                .contains("- backup-service: db.json matches the backup")
                .contains("try it again, as attempt 2:", "./jsonmig retry " + run.id)
                .doesNotContain("./jsonmig report");

        JsonNode document = JSON.readTree(launcher.launch("status", run.id, "--json").getOutput());
        assertThat(document.at("/run/status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(document.at("/run/failureReason").asText()).isEqualTo(REASON);
        assertThat(document.at("/run/rollbackTrigger").asText()).isEqualTo("PHASE_FAILED");
        assertThat(document.at("/run/phases/MIGRATION/status").asText()).isEqualTo("FAILED");
        assertThat(document.at("/run/rollbackActions")).extracting(JsonNode::asText).containsExactly(
                "migration-service: dropped table public.users", "backup-service: db.json matches the backup");
        assertThat(document.get("nextSteps")).extracting(s -> s.get("action").asText() + " | "
                + s.get("command").asText()).containsExactly("try it again, as attempt 2 | ./jsonmig retry " + run.id);
    }

    @Test
    void aCompletedDryRunSaysNothingWasCutOver(QuarkusMainLauncher launcher) throws Exception {
        RunEvents run = new RunEvents();
        String report = "http://127.0.0.1:8083/verifications/" + run.id;
        publish(EventEnvelope.of(run.id, 1, "jsonmig-cli", "", new MigrationRequested(run.spec().withDryRun(true)),
                        run.at(0)),
                run.backupCompleted(1), run.dataMigrated(2), run.verificationPassed(3),
                EventEnvelope.of(run.id, 1, "migration-service", "", new DryRunCompleted("staging",
                        DryRuns.schemaFor(run.id), List.of("users", "posts", "comments"), List.of("dropped schema"),
                        report), run.at(3.5)));

        LaunchResult text = launcher.launch("status", run.id);

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.getOutput())
                .contains("Run " + run.id + ": COMPLETED (attempt 1): dry run verified, its throwaway schema removed, "
                        + "nothing cut over")
                .containsPattern("cutover\\s+SKIPPED")
                .contains("read the rehearsal's verification report:", "./jsonmig report " + run.id);
        JsonNode document = JSON.readTree(launcher.launch("status", run.id, "--json").getOutput());
        assertThat(document.at("/run/spec/dryRun").asBoolean()).isTrue();
        assertThat(document.at("/run/phases/CUTOVER/status").asText()).isEqualTo("SKIPPED");
        assertThat(document.get("reportLocation").asText()).isEqualTo(report);
    }

    @Test
    void anUnknownRunExitsFourWithNothingOnStdout(QuarkusMainLauncher launcher) {
        String id = new RunEvents().id;

        for (List<String> args : List.of(List.of("status", id), List.of("status", id, "--json"))) {
            LaunchResult result = launcher.launch(args.toArray(String[]::new));

            assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(result.getOutput()).isEmpty();
            assertThat(result.getErrorOutput()).contains("no run " + id + " found on "
                    + KafkaBrokerResource.bootstrapServers() + ": the broker holds none of its events");
        }
    }

    @Test
    void anInvalidIdIsABadArgument(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("status", "../etc");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("jsonmig status:").contains("../etc");
    }

    @Test
    void theHelpOfTheReadCommandsShowsExamplesExitCodesAndJson(QuarkusMainLauncher launcher) {
        Map<String, List<String>> expected = Map.of(
                "status", List.of("jsonmig status mig-", "4  no such run"),
                "list", List.of("jsonmig list --status", "--limit"),
                "report", List.of("jsonmig report mig-", "4  no such run", "7  the run has not been verified",
                        "--open", "--service-url"));
        expected.forEach((command, texts) -> {
            LaunchResult help = launcher.launch(command, "--help");

            assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(help.getOutput()).contains("Examples:", "--json", "Exit codes:",
                    "1  invalid arguments, or Kafka cannot be reached").contains(texts);
        });
        assertThat(launcher.launch("--help").getOutput()).contains("jsonmig status", "jsonmig list", "jsonmig report")
                .contains("report 7 when the run");
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
