package io.jsonmig.cli.watch;

import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.state.RunStatus;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunFollowerTest {

    private final RunEvents run = new RunEvents();
    private final StringWriter output = new StringWriter();
    private final RunFollower follower = new RunFollower(run.id, new PrintWriter(output));

    @Test
    void aRunWaitingForItsWindowSaysSoAndWhen() {
        MaintenanceWindow window = new MaintenanceWindow(run.at(90), Duration.ofMinutes(30));

        follower.accept(List.of(run.requested(0, window), run.waitingForWindow(0.5, 90)), Instant.now());

        assertThat(output.toString()).contains("maintenance window at " + window.describe())
                .contains("waiting for the maintenance window (opens in 1m30s)");
    }

    @Test
    void aRedeliveredEventIsPrintedOnce() {
        follower.accept(List.of(run.requested(0), run.backupCompleted(1)), Instant.now());
        follower.accept(List.of(run.backupCompleted(1)), Instant.now());

        assertThat(output.toString().lines().filter(l -> l.contains("backup/backup.completed"))).hasSize(1);
        assertThat(follower.result().eventsSeen()).isEqualTo(2);
    }

    @Test
    void eventsOfOnePollArePrintedInTheOrderTheyOccurred() {
        follower.accept(List.of(run.dataMigrated(3), run.backupCompleted(1), run.requested(0)), Instant.now());

        assertThat(output.toString().lines().map(l -> l.split("\\s+")[1])).containsExactly(
                "run/migration.requested", "backup/backup.completed", "migration/data.migrated");
    }

    @Test
    void eventsFoldedBeforeAPrintComeOutInOccurrenceOrderWhateverBatchTheyCameIn() {
        follower.fold(List.of(run.cutoverReady(5)));
        follower.fold(List.of(run.dataMigrated(3), run.requested(0)));
        follower.fold(List.of(run.verificationPassed(4), run.backupCompleted(1)));
        assertThat(output.toString()).isEmpty();

        follower.print(Instant.now());

        assertThat(output.toString().lines().map(l -> l.split("\\s+")[1])).containsExactly(
                "run/migration.requested", "backup/backup.completed", "migration/data.migrated",
                "verification/verification.passed", "cutover/cutover.ready");
    }

    @Test
    void anEventReadAfterALaterOneWasPrintedIsPrintedOnceWhenItArrives() {
        follower.accept(List.of(run.requested(0), run.dataMigrated(3)), Instant.now());
        follower.accept(List.of(run.backupCompleted(1)), Instant.now());
        follower.accept(List.of(run.backupCompleted(1), run.verificationPassed(4)), Instant.now());

        assertThat(output.toString().lines().map(l -> l.split("\\s+")[1])).containsExactly(
                "run/migration.requested", "migration/data.migrated", "backup/backup.completed",
                "verification/verification.passed");
    }

    @Test
    void progressIsPrintedAtMostOncePerIntervalAndOnlyWhenItChanged() {
        Instant t = Instant.now();
        follower.accept(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 10, 40)), t);
        follower.accept(List.of(run.progress(2.1, "users", 20, 40)), t.plusMillis(300));
        follower.accept(List.of(), t.plusMillis(600));
        follower.accept(List.of(run.progress(2.2, "users", 30, 40)), t.plus(PlainTimeline.PROGRESS_INTERVAL));
        follower.accept(List.of(), t.plus(PlainTimeline.PROGRESS_INTERVAL.multipliedBy(3)));

        assertThat(output.toString().lines().filter(l -> l.contains("migration/progress")))
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).endsWith("users 10/40 (25%)"))
                .anySatisfy(l -> assertThat(l).endsWith("users 30/40 (75%)"));
    }

    @Test
    void progressOfAPhaseThatAlreadyFinishedIsNotPrinted() {
        follower.accept(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 40, 40),
                run.dataMigrated(3)), Instant.now());

        assertThat(output.toString()).doesNotContain("progress").contains("migration/data.migrated");
    }

    @Test
    void noProgressIsPrintedOnceTheRunIsFinished() {
        follower.accept(List.of(run.requested(0), run.progress(2, "users", 40, 40), run.dataMigrated(3),
                run.verificationPassed(4), run.cutoverReady(5)), Instant.now());

        assertThat(follower.state().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(output.toString()).doesNotContain("progress");
    }
}
