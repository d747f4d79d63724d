package io.jsonmig.cli.control;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code abort} and {@code retry} against a real broker holding the run's events as the services publish them. */
@QuarkusMainTest
@WithTestResource(KafkaBrokerResource.class)
class AbortAndRetryCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
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
    void abortOfARunningRunRequestsItsRollbackFromTheCurrentPhase(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 10, 40));

        LaunchResult result = launcher.launch("abort", run.id, "--reason", "wrong target profile");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        EventEnvelope abort = awaitFromCli(run.id, EventType.ROLLBACK_REQUESTED);
        RollbackRequested request = abort.payloadAs(RollbackRequested.class);
        assertThat(request.trigger()).isEqualTo(RollbackTrigger.OPERATOR_ABORT);
        assertThat(request.failedPhase()).isEqualTo(Phase.MIGRATION);
        assertThat(request.reason()).isEqualTo("aborted by " + System.getProperty("user.name")
                + ": wrong target profile");
        assertThat(request.spec()).isEqualTo(run.spec());
        assertThat(abort.attempt()).isEqualTo(1);
        assertThat(result.getOutput())
                .contains("published rollback.requested for run " + run.id
                        + ", attempt 1 (was RUNNING in phase migration)")
                .contains("./jsonmig watch " + run.id);
    }

    @Test
    void abortOfARolledBackRunIsRefusedAndPublishesNothing(QuarkusMainLauncher launcher) {
        RunEvents run = rolledBack(new RunEvents());

        LaunchResult result = launcher.launch("abort", run.id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("run " + run.id + " is ROLLED_BACK (attempt 1)")
                .contains("its rollback has finished already").contains("./jsonmig retry " + run.id);
        assertNothingMoreFromCli(run.id, EventType.ROLLBACK_REQUESTED);
    }

    @Test
    void abortOrRetryOfAnUnknownRunExitsFour(QuarkusMainLauncher launcher) {
        String id = new RunEvents().id;

        LaunchResult abort = launcher.launch("abort", id);
        LaunchResult retry = launcher.launch("retry", id);

        assertThat(abort.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(abort.getErrorOutput()).contains("no run " + id + " found");
        assertThat(retry.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(retry.getErrorOutput()).contains("no run " + id + " found");
    }

    @Test
    void retryOfARolledBackRunRequestsTheNextAttemptFromTheFailedPhase(QuarkusMainLauncher launcher) {
        RunEvents run = rolledBack(new RunEvents());

        LaunchResult result = launcher.launch("retry", run.id, "--reason", "index name fixed");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        EventEnvelope retry = awaitFromCli(run.id, EventType.RETRY_REQUESTED);
        RetryRequested request = retry.payloadAs(RetryRequested.class);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(request.failedPhase()).isEqualTo(Phase.MIGRATION);
        assertThat(request.spec()).isEqualTo(run.spec());
        assertThat(request.requestedBy()).isEqualTo(System.getProperty("user.name"));
        assertThat(request.reason()).isEqualTo("index name fixed");
        assertThat(result.getOutput())
                .contains("published retry.requested for run " + run.id
                        + ", attempt 2 (attempt 1 failed in phase migration)")
                .contains("./jsonmig watch " + run.id);
    }

    @Test
    void aSecondRolledBackAttemptIsRetriedAsTheThird(QuarkusMainLauncher launcher) {
        RunEvents run = rolledBack(new RunEvents());
        run.inAttempt(2);
        publish(run.retryRequested(10, Phase.MIGRATION), run.backupCompleted(11), run.dataMigrated(12),
                run.phaseFailed(13, Phase.VERIFICATION, "orders: expected 5 rows, found 4"),
                run.rollbackRequested(13.1, Phase.VERIFICATION, "orders: expected 5 rows, found 4"),
                run.rollbackStep(14, "migration-service", true, "dropped table users"),
                run.rollbackStep(15, "backup-service", true, "db.json matches the backup"),
                run.datasourceReverted(15.5));

        LaunchResult result = launcher.launch("retry", run.id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        EventEnvelope retry = probe.awaitMatching(run.id, e -> e.type() == EventType.RETRY_REQUESTED
                && e.attempt() == 3, "retry.requested of attempt 3", TIMEOUT);
        assertThat(retry.payloadAs(RetryRequested.class).failedPhase()).isEqualTo(Phase.VERIFICATION);
    }

    @Test
    void retryOfARunThatIsNotRolledBackIsRefusedNamingItsStatus(QuarkusMainLauncher launcher) {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1));

        LaunchResult result = launcher.launch("retry", run.id);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput())
                .contains("run " + run.id + " is RUNNING (attempt 1): only a rolled-back run can be retried");
        assertNothingMoreFromCli(run.id, EventType.RETRY_REQUESTED);
    }

    @Test
    void theHelpOfBothShowsAnExampleAndTheExitCodes(QuarkusMainLauncher launcher) {
        for (String command : List.of("abort", "retry")) {
            LaunchResult help = launcher.launch(command, "--help");

            assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(help.getOutput()).contains("Examples:").contains("jsonmig " + command + " mig-")
                    .contains("Exit codes:").contains("6  refused").contains("4  no such run");
        }
    }

    private static RunEvents rolledBack(RunEvents run) {
        publish(run.requested(0), run.backupCompleted(1), run.phaseFailed(2, Phase.MIGRATION, REASON),
                run.rollbackRequested(2.1, Phase.MIGRATION, REASON),
                run.rollbackStep(3, "migration-service", true, "dropped table public.users"),
                run.rollbackStep(4, "backup-service", true, "db.json matches the backup"),
                run.datasourceReverted(4.5));
        return run;
    }

    private static EventEnvelope awaitFromCli(String id, EventType type) {
        return probe.awaitMatching(id, e -> e.type() == type && e.producer().equals("jsonmig-cli"),
                "a " + type.wireName() + " of the CLI", TIMEOUT);
    }

    /** One partition per topic: once a later record of the topic arrived, nothing the command sent is missing. */
    private static void assertNothingMoreFromCli(String id, EventType type) {
        RunEvents marker = new RunEvents();
        EventEnvelope later = type == EventType.RETRY_REQUESTED ? marker.retryRequested(0, Phase.BACKUP)
                : marker.rollbackRequested(0, Phase.BACKUP, "marker");
        probe.publish(later);
        probe.await(marker.id, type, TIMEOUT);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == type && e.producer().equals("jsonmig-cli"));
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
