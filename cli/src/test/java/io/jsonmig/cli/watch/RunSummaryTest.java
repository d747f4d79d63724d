package io.jsonmig.cli.watch;

import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStateMachine;
import io.jsonmig.events.state.RunStatus;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest {

    private final RunEvents run = new RunEvents();

    private String summary(EventEnvelope... events) {
        RunState state = RunStateMachine.replay(run.id, List.of(events));
        StringWriter out = new StringWriter();
        RunSummary.print(new WatchResult(state, WatchOutcome.of(state.status()), List.of(), null, events.length),
                Duration.ofMinutes(10), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aDriftAfterTheBackupIsAWarningOfACompletedRun() {
        String summary = summary(run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.verificationPassed(3), run.cutoverReady(4), run.driftChecked(5, false));

        assertThat(summary).contains("Run " + run.id + " " + RunStatus.COMPLETED)
                .containsPattern("WARNING +the JSON files in /srv/blog/json changed after snapshot snap-1 "
                        + "\\(db.json changed\\): those writes are not in the target, refuse the cut-over");
    }

    @Test
    void aCutoverWithAWindowEndsTheWatchWithExitZeroAndSaysHowLongTheWindowLastsAndHowToGoBack() {
        EventEnvelope[] events = {run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.verificationPassed(3), run.cutoverReady(4, Duration.ofHours(72))};
        RunState state = RunStateMachine.replay(run.id, List.of(events));
        assertThat(WatchOutcome.of(state.status())).isEqualTo(WatchOutcome.COMPLETED);
        assertThat(WatchOutcome.of(state.status()).exitCode()).isZero();

        String summary = summary(events);

        assertThat(summary).contains("Run " + run.id + " " + RunStatus.STABILIZING + ": verified and cut over; its "
                        + "stabilization window of 72h00m00s is open until ")
                .contains("to go back to the JSON files with every write made in PostgreSQL: ./jsonmig rollback "
                        + run.id + " --trigger functionality|performance|integrity|security --reason TEXT")
                .contains("the run is COMPLETED when the window ends, or now with: ./jsonmig finalize " + run.id)
                .containsPattern("window +open, \\d+h\\d{2}m\\d{2}s left \\(until ");
    }

    @Test
    void aCleanDriftCheckWarnsOfNothing() {
        String summary = summary(run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.verificationPassed(3), run.cutoverReady(4), run.driftChecked(5, true));

        assertThat(summary).doesNotContain("WARNING");
    }

    @Test
    void aScheduledRunShowsItsMaintenanceWindow() {
        MaintenanceWindow window = new MaintenanceWindow(run.at(30), Duration.ofMinutes(45));

        String summary = summary(run.requested(0, window), run.backupCompleted(31));

        assertThat(summary).containsPattern("maintenance +" + run.at(30) + ", expected downtime 45m00s");
    }

    @Test
    void aDryRunsSkippedCutOverSaysNothingWasCutOverAndItsSchemaWasRemoved() {
        String schema = DryRuns.schemaFor(run.id);
        EventEnvelope completed = EventEnvelope.of(run.id, 1, "migration-service", "", new DryRunCompleted("staging",
                schema, List.of(schema + ".users"), List.of("table " + schema + ".users", "schema " + schema),
                "http://127.0.0.1:8083/verifications/" + run.id), run.at(4));

        String summary = summary(run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.verificationPassed(3), completed);

        assertThat(summary).contains("Run " + run.id + " " + RunStatus.COMPLETED
                        + ": dry run verified, nothing cut over (its throwaway schema removed)")
                .containsPattern("cutover +SKIPPED .*  dry run: nothing cut over; schema " + schema + " removed");
    }

    @Test
    void driftEventsAreLabelledAsEventsOfTheRun() {
        assertThat(EventLabels.of(run.driftChecked(5, false))).isEqualTo("run/drift.checked");
    }
}
