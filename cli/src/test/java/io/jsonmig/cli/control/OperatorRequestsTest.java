package io.jsonmig.cli.control;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStateMachine;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static RunState fold(RunEvents run, EventEnvelope... events) {
        return RunStateMachine.replay(run.id, List.of(events));
    }

    @Test
    void anAbortDuringTheBackupRollsBackFromIt() {
        RunEvents run = new RunEvents();
        RunState state = fold(run, run.requested(0));

        EventEnvelope abort = OperatorRequests.abort(state, "bob", "  ", NOW);

        RollbackRequested request = abort.payloadAs(RollbackRequested.class);
        assertThat(request.failedPhase()).isEqualTo(Phase.BACKUP);
        assertThat(request.reason()).isEqualTo("aborted by bob");
        assertThat(abort.eventId()).as("the same abort of an attempt is one event")
                .isEqualTo(OperatorRequests.abort(state, "carol", "other words", NOW.plusSeconds(9)).eventId());
    }

    @Test
    void aCompletedRunIsNotAborted() {
        RunEvents run = new RunEvents();
        RunState state = fold(run, run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.verificationPassed(3), run.cutoverReady(4));

        assertThatThrownBy(() -> OperatorRequests.abort(state, "bob", null, NOW))
                .isInstanceOfSatisfying(OperatorRequests.Refused.class,
                        r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.REFUSED))
                .hasMessageContaining("is COMPLETED (attempt 1)");
    }

    private static RunState inWindow(RunEvents run) {
        return fold(run, run.requested(0), run.backupCompleted(1), run.dataMigrated(2), run.verificationPassed(3),
                run.cutoverReady(4, java.time.Duration.ofHours(72)));
    }

    @Test
    void anAbortWithinTheWindowIsRefusedAndPointsToRollback() {
        RunEvents run = new RunEvents();
        RunState state = inWindow(run);

        assertThat(state.status()).isEqualTo(io.jsonmig.events.state.RunStatus.STABILIZING);
        assertThatThrownBy(() -> OperatorRequests.abort(state, "bob", null, NOW))
                .isInstanceOfSatisfying(OperatorRequests.Refused.class,
                        r -> assertThat(r.exitCode()).isEqualTo(ExitCodes.REFUSED))
                .hasMessageContaining("in its stabilization window")
                .hasMessageContaining("./jsonmig rollback " + run.id + " --trigger functionality|performance|"
                        + "integrity|security --reason ...");
    }

    @Test
    void aFinalizeWithinTheWindowIsTheWindowsOwnEnd() {
        RunEvents run = new RunEvents();
        RunState state = inWindow(run);

        EventEnvelope finalized = OperatorRequests.finalize(state, "bob", "  probes green ", NOW);

        io.jsonmig.events.payload.RunFinalized payload = finalized.payloadAs(io.jsonmig.events.payload.RunFinalized.class);
        assertThat(payload.finalization()).isEqualTo(io.jsonmig.events.payload.Finalization.OPERATOR);
        assertThat(payload.requestedBy()).isEqualTo("bob");
        assertThat(payload.note()).isEqualTo("probes green");
        assertThat(finalized.eventId()).as("the id the window's own end has: one run.finalized per attempt")
                .isEqualTo(EventEnvelope.deterministicId(run.id, io.jsonmig.events.EventType.RUN_FINALIZED, 1, ""));
    }

    @Test
    void aFinalizedRunIsNeitherFinalizedAgainNorRolledBackNorAborted() {
        RunEvents run = new RunEvents();
        RunState window = inWindow(run);
        RunState state = RunStateMachine.apply(window, OperatorRequests.finalize(window, "bob", null, NOW));

        assertThat(state.status()).isEqualTo(io.jsonmig.events.state.RunStatus.COMPLETED);
        assertThatThrownBy(() -> OperatorRequests.finalize(state, "bob", null, NOW))
                .hasMessageContaining("only a run in its stabilization window can be finalized")
                .hasMessageContaining("was finalized at");
        assertThatThrownBy(() -> OperatorRequests.rollback(state, io.jsonmig.events.payload.RollbackTrigger.SECURITY,
                "bob", "CVE", NOW)).hasMessageContaining("the way back to the JSON files is closed");
        assertThatThrownBy(() -> OperatorRequests.abort(state, "bob", null, NOW))
                .hasMessageContaining("the way back to the JSON files is closed");
    }

    @Test
    void aRollbackWithinTheWindowAsksToCarryPostgresqlsWritesBack() {
        RunEvents run = new RunEvents();
        RunState state = inWindow(run);

        EventEnvelope rollback = OperatorRequests.rollback(state, io.jsonmig.events.payload.RollbackTrigger.PERFORMANCE,
                "bob", "p95 3x", NOW);

        RollbackRequested request = rollback.payloadAs(RollbackRequested.class);
        assertThat(request.afterCutover()).isTrue();
        assertThat(request.trigger()).isEqualTo(io.jsonmig.events.payload.RollbackTrigger.PERFORMANCE);
        assertThat(request.reason()).isEqualTo("performance, rolled back by bob: p95 3x");
        assertThat(rollback.attempt()).isEqualTo(state.attempt());
    }

    @Test
    void aRollbackBeforeTheCutoverIsAnAbortNamingItsTrigger() {
        RunEvents run = new RunEvents();
        RunState state = fold(run, run.requested(0), run.backupCompleted(1));

        EventEnvelope rollback = OperatorRequests.rollback(state, io.jsonmig.events.payload.RollbackTrigger.INTEGRITY,
                "bob", " totals differ ", NOW);

        RollbackRequested request = rollback.payloadAs(RollbackRequested.class);
        assertThat(request.trigger()).isEqualTo(io.jsonmig.events.payload.RollbackTrigger.INTEGRITY);
        assertThat(request.afterCutover()).isFalse();
        assertThat(request.failedPhase()).isEqualTo(Phase.MIGRATION);
        assertThat(request.reason()).isEqualTo("integrity, rolled back by bob: totals differ");
    }

    @Test
    void aRunStillRollingBackMayBeAbortedAgainButNotRetried() {
        RunEvents run = new RunEvents();
        RunState state = fold(run, run.requested(0), run.phaseFailed(1, Phase.BACKUP, "disk full"),
                run.rollbackRequested(1.1, Phase.BACKUP, "disk full"));

        assertThat(OperatorRequests.abort(state, "bob", null, NOW).payloadAs(RollbackRequested.class).failedPhase())
                .isEqualTo(Phase.ROLLBACK);
        assertThatThrownBy(() -> OperatorRequests.retry(state, "bob", null, NOW))
                .hasMessage("run " + run.id + " is ROLLING_BACK (attempt 1): only a rolled-back run can be retried");
    }

    @Test
    void aRetryNamesTheFirstFailedPhaseAndRaisesTheAttempt() {
        RunEvents run = new RunEvents();
        RunState state = fold(run, run.requested(0), run.phaseFailed(1, Phase.BACKUP, "disk full"),
                run.rollbackRequested(1.1, Phase.BACKUP, "disk full"),
                run.rollbackStep(2, "migration-service", true, "nothing to drop"),
                run.rollbackStep(3, "backup-service", true, "no snapshot"), run.datasourceReverted(3.5));

        EventEnvelope retry = OperatorRequests.retry(state, "bob", " disk cleaned ", NOW);

        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.payloadAs(RetryRequested.class))
                .isEqualTo(new RetryRequested(run.spec(), Phase.BACKUP, "bob", "disk cleaned"));
    }
}
