package io.jsonmig.cli.watch;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.RunState;

import java.time.Duration;
import java.util.List;

/**
 * What watching a run found.
 *
 * @param tables         rows per table, from data.migrated; empty before the migration finished
 * @param reportLocation the verification report, when verification reported one
 * @param eventsSeen     events of the run that were read (progress included)
 */
public record WatchResult(RunState state, WatchOutcome outcome, List<TableLoad> tables,
                          String reportLocation, int eventsSeen) {

    /** From the start event to cut-over ready; {@code null} unless the run got there. */
    public Duration startToCutover() {
        PhaseState cutover = state.phase(Phase.CUTOVER);
        if (state.startedAt() == null || cutover.finishedAt() == null) {
            return null;
        }
        return Duration.between(state.startedAt(), cutover.finishedAt());
    }
}
