package io.jsonmig.events.state;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run state machine: a pure fold of events into {@link RunState}. Every consumer that needs
 * "where is this run" uses it, so the services, the status page and the CLI always agree.
 *
 * <p>It tolerates what at-least-once delivery over several topics produces:
 * <ul>
 *   <li>a duplicate event (same event id) changes nothing;</li>
 *   <li>events arrive out of order: the status only rises (see {@link RunStatus}), a finished
 *       phase stays finished, a phase's success implies its predecessors succeeded, the timeline
 *       is kept sorted by occurrence, and older progress never overwrites newer progress.</li>
 *   <li>a retry raises the attempt: the first event of a higher attempt (normally its
 *       {@code retry.requested}, but another topic's event of that attempt may arrive first) begins
 *       it afresh — phases pending, no failure, no checks, no rollback actions, no drift, the status
 *       rising again from the start — while the timeline keeps everything. Within an attempt the
 *       rules above hold; an event of an older attempt arriving late only joins the timeline.</li>
 * </ul>
 */
public final class RunStateMachine {

    private static final Comparator<TimelineEntry> TIMELINE_ORDER = Comparator
            .comparing(TimelineEntry::occurredAt)
            .thenComparing(e -> e.type().ordinal())
            .thenComparing(TimelineEntry::eventId);

    private RunStateMachine() {
    }

    /** Folds events in the order given, starting from nothing. */
    public static RunState replay(String migrationId, Iterable<EventEnvelope> events) {
        RunState state = RunState.initial(migrationId);
        for (EventEnvelope event : events) {
            state = apply(state, event);
        }
        return state;
    }

    public static RunState apply(RunState state, EventEnvelope event) {
        if (!state.migrationId().equals(event.migrationId())) {
            throw new IllegalArgumentException("event " + event.eventId() + " belongs to run " + event.migrationId()
                    + ", not " + state.migrationId());
        }
        if (state.seenEventIds().contains(event.eventId())) {
            return state;
        }
        Draft draft = new Draft(state, event);
        if (event.attempt() < state.attempt()) {
            draft.lateOfOlderAttempt(event);
        } else if (event.payload() instanceof Progress progress) {
            draft.progress(progress);
        } else {
            draft.record(event);
        }
        return draft.build();
    }

    /** A mutable copy of the state for the duration of one event. */
    private static final class Draft {
        private final RunState base;
        private final Instant at;
        private RunStatus status;
        private RunSpec spec;
        private Instant startedAt;
        private final Map<Phase, PhaseState> phases;
        private final List<TimelineEntry> timeline;
        private final Map<String, Progress> progress;
        private String failureReason;
        private RollbackTrigger rollbackTrigger;
        private long rowsLoaded;
        private List<CollectionCheck> checks;
        private final List<String> rollbackActions;
        private DriftCheck drift;
        private StabilizationWindow stabilization;
        private ReverseSync reverseSync;
        private StabilizationWatch watch;
        private final List<String> notes;
        private final Set<String> seen;
        private final int attempt;
        private boolean olderAttempt;

        Draft(RunState s, EventEnvelope event) {
            base = s;
            at = event.occurredAt();
            status = s.status();
            spec = s.spec();
            startedAt = s.startedAt();
            phases = new EnumMap<>(s.phases());
            timeline = new ArrayList<>(s.timeline());
            progress = new LinkedHashMap<>(s.progress());
            failureReason = s.failureReason();
            rollbackTrigger = s.rollbackTrigger();
            rowsLoaded = s.rowsLoaded();
            checks = s.checks();
            rollbackActions = new ArrayList<>(s.rollbackActions());
            drift = s.drift();
            stabilization = s.stabilization();
            reverseSync = s.reverseSync();
            watch = s.watch();
            notes = new ArrayList<>(s.warnings());
            if (drift != null && drift.warning() != null) {
                notes.remove(drift.warning());
            }
            seen = new HashSet<>(s.seenEventIds());
            seen.add(event.eventId());
            attempt = Math.max(s.attempt(), event.attempt());
            if (event.attempt() > s.attempt()) {
                beginAttempt();
            }
        }

        /** What the previous attempt found and did stays in the timeline only. */
        private void beginAttempt() {
            status = RunStatus.REQUESTED;
            for (Phase p : Phase.values()) {
                phases.put(p, PhaseState.pending(p));
            }
            progress.clear();
            failureReason = null;
            rollbackTrigger = null;
            rowsLoaded = 0;
            checks = List.of();
            rollbackActions.clear();
            drift = null;
            stabilization = null;
            reverseSync = null;
            watch = null;
            notes.clear();
        }

        void lateOfOlderAttempt(EventEnvelope event) {
            olderAttempt = true;
            if (!(event.payload() instanceof Progress)) {
                addToTimeline(event);
            }
            if (event.type() == EventType.MIGRATION_REQUESTED) {
                startedAt = startedAt == null || at.isBefore(startedAt) ? at : startedAt; // the run's start, whatever the attempt
            }
        }

        private void addToTimeline(EventEnvelope event) {
            if (event.payload() instanceof StabilizationChecked check && check.routine()) {
                return;
            }
            timeline.add(new TimelineEntry(event.eventId(), event.type(), event.occurredAt(), event.attempt(),
                    event.producer(), event.payload().describe()));
            timeline.sort(TIMELINE_ORDER);
        }

        void progress(Progress p) {
            String key = p.phase() + "/" + p.item();
            Progress known = progress.get(key);
            if (known == null || p.done() >= known.done()) {
                progress.put(key, p);
            }
            start(p.phase());
            status = status.raiseTo(RunStatus.RUNNING);
        }

        void record(EventEnvelope event) {
            addToTimeline(event);

            switch (event.type()) {
                case MIGRATION_REQUESTED -> {
                    spec = event.payloadAs(MigrationRequested.class).spec();
                    startedAt = startedAt == null || at.isBefore(startedAt) ? at : startedAt;
                    start(Phase.BACKUP);
                    status = status.raiseTo(RunStatus.RUNNING);
                }
                case RETRY_REQUESTED -> {
                    spec = event.payloadAs(RetryRequested.class).spec();
                    start(Phase.BACKUP);
                    status = status.raiseTo(RunStatus.RUNNING);
                }
                case BACKUP_COMPLETED -> {
                    BackupCompleted p = event.payloadAs(BackupCompleted.class);
                    knowSpec(p.spec());
                    succeed(Phase.BACKUP, p.describe());
                    start(Phase.MIGRATION);
                    status = status.raiseTo(RunStatus.RUNNING);
                }
                case DATA_MIGRATED -> {
                    DataMigrated p = event.payloadAs(DataMigrated.class);
                    knowSpec(p.spec());
                    rowsLoaded = p.totalRows();
                    succeed(Phase.MIGRATION, p.describe());
                    start(Phase.VERIFICATION);
                    status = status.raiseTo(RunStatus.RUNNING);
                }
                case VERIFICATION_PASSED -> {
                    VerificationPassed p = event.payloadAs(VerificationPassed.class);
                    knowSpec(p.spec());
                    checks = List.copyOf(p.checks());
                    succeed(Phase.VERIFICATION, p.describe());
                    start(Phase.CUTOVER);
                    status = status.raiseTo(RunStatus.RUNNING);
                }
                case VERIFICATION_FAILED -> {
                    VerificationFailed p = event.payloadAs(VerificationFailed.class);
                    knowSpec(p.spec());
                    checks = List.copyOf(p.checks());
                    fail(Phase.VERIFICATION, p.summary());
                }
                case CUTOVER_READY -> {
                    CutoverReady p = event.payloadAs(CutoverReady.class);
                    succeed(Phase.CUTOVER, p.describe());
                    Stabilization asked = askedWindow(p.stabilization());
                    if (stabilization != null) {
                        // a finalize or rollback came first
                        stabilization = stabilization.cutOverAt(at, p.stabilization() == null ? null
                                : p.stabilization().window());
                    } else if (asked.hasWindow()) {
                        stabilization = StabilizationWindow.opened(asked.window(), at);
                    }
                    if (stabilization == null) {
                        phases.computeIfPresent(Phase.STABILIZATION, (ph, s) -> s.finish(PhaseStatus.SKIPPED, at,
                                "no stabilization window: the run ended at its cut-over"));
                        status = status.raiseTo(RunStatus.COMPLETED);
                    } else {
                        start(Phase.STABILIZATION);
                        status = status.raiseTo(RunStatus.STABILIZING);
                    }
                }
                case RUN_FINALIZED -> {
                    RunFinalized p = event.payloadAs(RunFinalized.class);
                    if (status.ordinal() >= RunStatus.ROLLING_BACK.ordinal()
                            || stabilization != null && stabilization.rolledBackAt() != null) {
                        notes.add("run.finalized ignored: the run was already rolling back");
                    } else {
                        if (stabilization == null) {
                            // run.finalized overtook cutover.ready (another topic): the window's start comes with it.
                            stabilization = StabilizationWindow.beforeCutoverKnown(askedWindow(null).window());
                        }
                        if (!stabilization.isFinalized()) { // a second finalize (another id) keeps the first
                            stabilization = stabilization.finalized(at, p.finalization(), p.requestedBy());
                        }
                        succeed(Phase.STABILIZATION, p.describe());
                        phases.computeIfPresent(Phase.ROLLBACK, (ph, s) -> s.finish(PhaseStatus.SKIPPED, at,
                                "not needed: the run was finalized"));
                        status = status.raiseTo(RunStatus.COMPLETED);
                    }
                }
                case REVERSE_SYNC_EXPORTED -> {
                    ReverseSyncExported p = event.payloadAs(ReverseSyncExported.class);
                    knowSpec(p.spec());
                    rollbackActions.add(event.producer() + ": " + p.describe());
                    reverseSync = new ReverseSync(p.fence(), p.snapshot().snapshotId(), p.collections(),
                            reverseSync != null && reverseSync.verified(),
                            reverseSync == null ? null : reverseSync.reportLocation(),
                            reverseSync != null && reverseSync.restored());
                    start(Phase.ROLLBACK);
                    status = status.raiseTo(RunStatus.ROLLING_BACK);
                }
                case REVERSE_SYNC_VERIFIED -> {
                    ReverseSyncVerified p = event.payloadAs(ReverseSyncVerified.class);
                    knowSpec(p.spec());
                    rollbackActions.add(event.producer() + ": " + p.describe());
                    reverseSync = new ReverseSync(reverseSync == null ? null : reverseSync.fence(),
                            p.snapshot().snapshotId(),
                            reverseSync != null && !reverseSync.collections().isEmpty()
                                    ? reverseSync.collections() : p.collections(),
                            true, p.reportLocation(), reverseSync != null && reverseSync.restored());
                    start(Phase.ROLLBACK);
                    status = status.raiseTo(RunStatus.ROLLING_BACK);
                }
                case DRY_RUN_COMPLETED -> {
                    succeed(Phase.VERIFICATION, phases.get(Phase.VERIFICATION).detail());
                    phases.computeIfPresent(Phase.CUTOVER, (p, s) -> s.finish(PhaseStatus.SKIPPED, at,
                            event.payloadAs(DryRunCompleted.class).describe()));
                    phases.computeIfPresent(Phase.STABILIZATION, (p, s) -> s.finish(PhaseStatus.SKIPPED, at,
                            "a dry run is never cut over"));
                    status = status.raiseTo(RunStatus.COMPLETED);
                }
                case PHASE_FAILED -> {
                    PhaseFailed p = event.payloadAs(PhaseFailed.class);
                    knowSpec(p.spec());
                    fail(p.phase(), p.reason());
                }
                case ROLLBACK_REQUESTED -> {
                    RollbackRequested p = event.payloadAs(RollbackRequested.class);
                    knowSpec(p.spec());
                    if (stabilization != null && stabilization.isFinalized()) {
                        notes.add("rollback requested after the run was finalized, refused: " + p.reason());
                        break;
                    }
                    rollbackTrigger = p.trigger();
                    if (p.failedPhase() != null && p.failedPhase() != Phase.ROLLBACK) {
                        fail(p.failedPhase(), p.reason());
                    }
                    if (p.afterCutover() || stabilization != null) {
                        // within the window, whatever phase the request names: the way back is being taken
                        if (stabilization == null) {
                            stabilization = StabilizationWindow.beforeCutoverKnown(askedWindow(null).window());
                        }
                        if (stabilization.rolledBackAt() == null) {
                            stabilization = stabilization.rolledBack(at);
                        }
                        fail(Phase.STABILIZATION, p.reason());
                    }
                    firstFailure(p.reason());
                    start(Phase.ROLLBACK);
                    status = status.raiseTo(RunStatus.ROLLING_BACK);
                }
                case ROLLBACK_STEP_COMPLETED -> {
                    RollbackStepCompleted p = event.payloadAs(RollbackStepCompleted.class);
                    for (String action : p.actions()) {
                        rollbackActions.add(p.compensator() + ": " + action);
                    }
                    start(Phase.ROLLBACK);
                    if (!p.succeeded()) {
                        // A compensation that could not finish fails the rollback for good; a later
                        // datasource.reverted cannot turn it into a success. The run's failure reason
                        // stays the cause of the rollback.
                        phases.computeIfPresent(Phase.ROLLBACK,
                                (ph, s) -> s.finish(PhaseStatus.FAILED, at, p.describe()));
                    }
                    status = status.raiseTo(p.succeeded() ? RunStatus.ROLLING_BACK : RunStatus.FAILED);
                }
                case DATASOURCE_REVERTED -> {
                    DatasourceReverted p = event.payloadAs(DatasourceReverted.class);
                    if (reverseSync != null || !p.carriedBack().isEmpty()) {
                        reverseSync = reverseSync == null
                                ? new ReverseSync(null, null, p.carriedBack(), true, null, true)
                                : new ReverseSync(reverseSync.fence(), reverseSync.exportSnapshot(),
                                        reverseSync.collections().isEmpty() ? p.carriedBack() : reverseSync.collections(),
                                        reverseSync.verified(), reverseSync.reportLocation(), true);
                    }
                    succeed(Phase.ROLLBACK, p.describe());
                    status = status.raiseTo(RunStatus.ROLLED_BACK);
                }
                // Drift checks are for people: they never move a phase or the status. The latest
                // check (by occurrence) is the drift state; an unclean one becomes a warning.
                case DRIFT_CHECK_REQUESTED -> {
                }
                case DRIFT_CHECKED -> {
                    if (drift == null || !at.isBefore(drift.checkedAt())) {
                        drift = DriftCheck.of(at, event.payloadAs(DriftChecked.class));
                    }
                }
                // The probes are for people and for the watch's triggers: a baseline or a check never moves a
                // phase or the status (a trigger that fires sends its own rollback.requested). The latest
                // of each, by occurrence, is kept.
                case STABILIZATION_BASELINED -> watch = (watch == null ? StabilizationWatch.EMPTY : watch)
                        .baselined(at, event.payloadAs(StabilizationBaselined.class).probes());
                case STABILIZATION_CHECKED -> {
                    StabilizationChecked p = event.payloadAs(StabilizationChecked.class);
                    watch = (watch == null ? StabilizationWatch.EMPTY : watch).checked(at, p.probes(), p.database());
                }
                case PROGRESS -> throw new IllegalStateException("progress is folded separately");
            }
        }

        private void knowSpec(RunSpec known) {
            if (spec == null) {
                spec = known;
            }
        }

        /** The window this run asked for: the cut-over's own word first, then the spec's; none for a dry run. */
        private Stabilization askedWindow(Stabilization announced) {
            if (spec != null && spec.dryRun()) {
                return Stabilization.NONE;
            }
            if (announced != null) {
                return announced;
            }
            return spec == null ? Stabilization.NONE : spec.effectiveStabilization();
        }

        private void firstFailure(String reason) {
            if (failureReason == null) {
                failureReason = reason;
            }
        }

        private void start(Phase phase) {
            phases.computeIfPresent(phase, (p, s) -> s.start(at));
        }

        /** A phase's success implies every phase before it in the forward flow succeeded too. */
        private void succeed(Phase phase, String detail) {
            if (phase != Phase.ROLLBACK) {
                for (Phase earlier : Phase.values()) {
                    if (earlier.ordinal() >= phase.ordinal()) {
                        break;
                    }
                    phases.computeIfPresent(earlier, (p, s) -> s.finish(PhaseStatus.SUCCEEDED, at, s.detail()));
                }
            }
            phases.computeIfPresent(phase, (p, s) -> s.finish(PhaseStatus.SUCCEEDED, at, detail));
        }

        private void fail(Phase phase, String reason) {
            phases.computeIfPresent(phase, (p, s) -> s.finish(PhaseStatus.FAILED, at, reason));
            firstFailure(reason);
        }

        /** The latest phase that ran; a skipped one (a window the run did not have) only when nothing else ran. */
        private Phase currentPhase() {
            Phase current = null;
            Phase skipped = null;
            for (PhaseState s : phases.values()) {
                if (s.status() == PhaseStatus.SKIPPED) {
                    skipped = s.phase();
                } else if (s.status() != PhaseStatus.PENDING) {
                    current = s.phase();
                }
            }
            return current != null ? current : skipped;
        }

        private List<String> warnings() {
            List<String> all = new ArrayList<>();
            String driftWarning = drift == null ? null : drift.warning();
            if (driftWarning != null) {
                all.add(driftWarning);
            }
            notes.stream().filter(n -> !all.contains(n)).forEach(all::add);
            return all;
        }

        RunState build() {
            Instant updatedAt = !olderAttempt && (base.updatedAt() == null || at.isAfter(base.updatedAt()))
                    ? at : base.updatedAt();
            return new RunState(base.migrationId(), status, currentPhase(), spec, attempt, startedAt, updatedAt,
                    phases, List.copyOf(timeline),
                    Collections.unmodifiableMap(progress), failureReason, rollbackTrigger, rowsLoaded, checks,
                    List.copyOf(rollbackActions), drift, warnings(), stabilization, reverseSync, watch,
                    Set.copyOf(seen));
        }
    }
}
