package io.jsonmig.cli.watch;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.Phase;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;

import java.time.Instant;

/** How watching a run ended, and the exit code that tells scripts. */
public enum WatchOutcome {
    COMPLETED(ExitCodes.OK, "verified, cut-over ready"),
    ROLLED_BACK(ExitCodes.ROLLED_BACK, "rolled back, the application is back on its JSON files"),
    FAILED(ExitCodes.FAILED, "a compensation failed: an operator must look"),
    TIMED_OUT(ExitCodes.TIMEOUT, "not finished when the watch timed out"),
    /** No event of the run on the broker, and none arrived within the grace period. */
    NOT_FOUND(ExitCodes.TIMEOUT, "no such run");

    private final int exitCode;
    private final String meaning;

    WatchOutcome(int exitCode, String meaning) {
        this.exitCode = exitCode;
        this.meaning = meaning;
    }

    public int exitCode() {
        return exitCode;
    }

    public String meaning() {
        return meaning;
    }

    /** What the outcome means for this run: a completed dry run was verified and announced nothing. */
    public String meaning(RunState state) {
        boolean rehearsed = this == COMPLETED && state.phase(Phase.CUTOVER).status() == PhaseStatus.SKIPPED;
        if (rehearsed) {
            return "dry run verified, nothing cut over (its throwaway schema removed)";
        }
        if (this == COMPLETED && state.status() == RunStatus.STABILIZING) {
            return WindowTexts.cutOver(state, Instant.now());
        }
        return meaning;
    }

    static WatchOutcome of(RunStatus status) {
        return switch (status) {
            case COMPLETED, STABILIZING -> COMPLETED;
            case ROLLED_BACK -> ROLLED_BACK;
            case FAILED -> FAILED;
            case REQUESTED, RUNNING, ROLLING_BACK -> TIMED_OUT;
        };
    }
}
