package io.jsonmig.events.state;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything known about one run, folded from its events by {@link RunStateMachine}. Immutable.
 *
 * @param phase           the latest phase that has started
 * @param phases          every phase in flow order with its status
 * @param timeline        the run's events (progress excluded), ordered by when they occurred
 * @param progress        latest progress per phase and item, e.g. {@code MIGRATION/users}
 * @param failureReason   the first failure reported, if any
 * @param rowsLoaded      rows written to the target by the migration
 * @param checks          the verification checks, when verification reported
 * @param rollbackActions what each compensation found and did
 * @param drift           the latest drift check of the live JSON files against the snapshot, if any
 * @param warnings        what an operator must know that does not change the status, e.g. a drift
 * @param stabilization   the window after the cut-over, once the run was cut over with one
 * @param reverseSync     what a rollback after the cut-over has carried back so far, once it began exporting
 * @param watch           the probes' baseline and latest checks; {@code null} until the first of them
 * @param seenEventIds    ids already folded in; a redelivered event changes nothing
 */
public record RunState(
        String migrationId,
        RunStatus status,
        Phase phase,
        RunSpec spec,
        int attempt,
        Instant startedAt,
        Instant updatedAt,
        Map<Phase, PhaseState> phases,
        List<TimelineEntry> timeline,
        Map<String, Progress> progress,
        String failureReason,
        RollbackTrigger rollbackTrigger,
        long rowsLoaded,
        List<CollectionCheck> checks,
        List<String> rollbackActions,
        DriftCheck drift,
        List<String> warnings,
        StabilizationWindow stabilization,
        ReverseSync reverseSync,
        StabilizationWatch watch,
        @JsonIgnore Set<String> seenEventIds) {

    /**
     * Also what Jackson calls when a stored state is read back: the event ids are not part of the
     * JSON form, and phases come back in flow order whatever order the JSON kept them in.
     */
    public RunState {
        Map<Phase, PhaseState> ordered = new EnumMap<>(Phase.class);
        if (phases != null) {
            ordered.putAll(phases);
        }
        phases = Collections.unmodifiableMap(ordered);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        seenEventIds = seenEventIds == null ? Set.of() : seenEventIds;
    }

    public static RunState initial(String migrationId) {
        Map<Phase, PhaseState> phases = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            phases.put(p, PhaseState.pending(p));
        }
        return new RunState(migrationId, RunStatus.REQUESTED, null, null, 1, null, null, phases,
                List.of(), Map.of(), null, null, 0, List.of(), List.of(), null, List.of(), null, null, null, Set.of());
    }

    public PhaseState phase(Phase p) {
        return phases.get(p);
    }

    /** Cut over and within its stabilization window: a rollback carries PostgreSQL's writes back. */
    @JsonIgnore
    public boolean isStabilizing() {
        return status == RunStatus.STABILIZING;
    }

    /** The window was closed by {@code run.finalized}: no way back to the JSON files any more. */
    @JsonIgnore
    public boolean isFinalized() {
        return stabilization != null && !stabilization.isOpen();
    }

    /** Ended for good: completed and announced, rolled back, or stuck needing an operator. */
    @JsonIgnore
    public boolean isFinished() {
        return status.isTerminal();
    }

    /** Finished, or waiting in its stabilization window: see {@link RunStatus#isSettled()}. */
    @JsonIgnore
    public boolean isSettled() {
        return status.isSettled();
    }
}
