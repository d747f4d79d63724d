package io.jsonmig.cli.runs;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run in {@code list --json} and {@code status --json} without an id.
 *
 * @param finished       completed, rolled back or failed: nothing more will happen to it
 * @param dryRun         a rehearsal into a throwaway schema: completed means verified, nothing cut over
 * @param startedAt      its start event; {@code null} (left out) when the broker does not hold it
 * @param updatedAt      its latest event (progress aside)
 * @param durationMillis from its start (else its first event) to its latest event
 * @param rowsLoaded     rows the current attempt's load wrote
 * @param failureReason  the current attempt's first failure
 * @param warnings       what does not change the status but must be known (the JSON files changed after the backup)
 */
public record RunListItem(String migrationId, RunStatus status, Phase phase, int attempt, boolean finished,
                          boolean dryRun, String targetProfile, String sourceDir, Instant startedAt, Instant updatedAt,
                          Long durationMillis, long rowsLoaded, String failureReason, RollbackTrigger rollbackTrigger,
                          List<String> warnings) {

    public static RunListItem of(RunHistory history) {
        RunState state = history.state();
        Long duration = state.updatedAt() == null ? null
                : Duration.between(history.sortTime(), state.updatedAt()).toMillis();
        return new RunListItem(state.migrationId(), state.status(), state.phase(), state.attempt(), state.isFinished(),
                state.spec() != null && state.spec().dryRun(),
                state.spec() == null ? null : state.spec().targetProfile(),
                state.spec() == null ? null : state.spec().sourceDir(), state.startedAt(), state.updatedAt(), duration,
                state.rowsLoaded(), state.failureReason(), state.rollbackTrigger(), state.warnings());
    }
}
