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
