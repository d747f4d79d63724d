package io.jsonmig.events.state;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackTrigger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.jsonmig.events.TestEvents.BACKUP_SERVICE;
import static io.jsonmig.events.TestEvents.CLI;
import static io.jsonmig.events.TestEvents.MIGRATION_ID;
import static io.jsonmig.events.TestEvents.MIGRATION_SERVICE;
import static io.jsonmig.events.TestEvents.OTHER_MIGRATION_ID;
import static io.jsonmig.events.TestEvents.at;
import static io.jsonmig.events.TestEvents.backupCompleted;
import static io.jsonmig.events.TestEvents.checks;
import static io.jsonmig.events.TestEvents.cutoverReady;
import static io.jsonmig.events.TestEvents.dataMigrated;
import static io.jsonmig.events.TestEvents.dryRunCompleted;
import static io.jsonmig.events.TestEvents.datasourceReverted;
import static io.jsonmig.events.TestEvents.driftCheckRequested;
import static io.jsonmig.events.TestEvents.driftClean;
import static io.jsonmig.events.TestEvents.driftFound;
import static io.jsonmig.events.TestEvents.event;
import static io.jsonmig.events.TestEvents.happyPath;
import static io.jsonmig.events.TestEvents.migrationRequested;
import static io.jsonmig.events.TestEvents.oneOfEach;
import static io.jsonmig.events.TestEvents.phaseFailed;
import static io.jsonmig.events.TestEvents.progressEvent;
import static io.jsonmig.events.TestEvents.retryRequested;
import static io.jsonmig.events.TestEvents.rollbackRequested;
import static io.jsonmig.events.TestEvents.rollbackStep;
import static io.jsonmig.events.TestEvents.rolledBackPath;
import static io.jsonmig.events.TestEvents.spec;
import static io.jsonmig.events.TestEvents.verificationFailed;
import static io.jsonmig.events.TestEvents.verificationPassed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStateMachineTest {

    private static RunState fold(EventEnvelope... events) {
        return RunStateMachine.replay(MIGRATION_ID, List.of(events));
    }

    private static RunState fold(List<EventEnvelope> events) {
        return RunStateMachine.replay(MIGRATION_ID, events);
    }

    private static List<EventType> timelineTypes(RunState state) {
        return state.timeline().stream().map(TimelineEntry::type).toList();
    }

    private static void assertPhase(RunState state, Phase phase, PhaseStatus status) {
        assertThat(state.phase(phase).status()).as("status of %s", phase).isEqualTo(status);
    }

    @Nested
    class InitialState {

        @Test
        void everyPhaseIsPendingAndNothingIsKnown() {
            RunState state = RunState.initial(MIGRATION_ID);

            assertThat(state.migrationId()).isEqualTo(MIGRATION_ID);
            assertThat(state.status()).isEqualTo(RunStatus.REQUESTED);
            assertThat(state.phase()).isNull();
            assertThat(state.phases().keySet()).containsExactly(Phase.values());
            assertThat(state.phases().values()).allSatisfy(p -> {
                assertThat(p.status()).isEqualTo(PhaseStatus.PENDING);
                assertThat(p.startedAt()).isNull();
                assertThat(p.duration()).isNull();
            });
            assertThat(state.timeline()).isEmpty();
            assertThat(state.progress()).isEmpty();
            assertThat(state.failureReason()).isNull();
            assertThat(state.rollbackTrigger()).isNull();
            assertThat(state.rowsLoaded()).isZero();
            assertThat(state.attempt()).isEqualTo(1);
            assertThat(state.isFinished()).isFalse();
        }

        @Test
        void replayOfNothingIsTheInitialState() {
            assertThat(RunStateMachine.replay(MIGRATION_ID, List.of())).isEqualTo(RunState.initial(MIGRATION_ID));
        }
    }

    @Nested
    class SuccessfulRun {

        @Test
        void migrationRequestedStartsTheRunAndTheBackup() {
            RunState state = fold(event(migrationRequested(), at(0)));

            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.spec()).isEqualTo(spec());
            assertThat(state.startedAt()).isEqualTo(at(0));
            assertThat(state.updatedAt()).isEqualTo(at(0));
            assertThat(state.phase()).isEqualTo(Phase.BACKUP);
            assertThat(state.phase(Phase.BACKUP).status()).isEqualTo(PhaseStatus.RUNNING);
            assertThat(state.phase(Phase.BACKUP).startedAt()).isEqualTo(at(0));
            assertPhase(state, Phase.MIGRATION, PhaseStatus.PENDING);
            assertThat(state.timeline()).singleElement().satisfies(entry -> {
                assertThat(entry.type()).isEqualTo(EventType.MIGRATION_REQUESTED);
                assertThat(entry.occurredAt()).isEqualTo(at(0));
                assertThat(entry.producer()).isEqualTo(CLI);
                assertThat(entry.attempt()).isEqualTo(1);
                assertThat(entry.summary()).startsWith("migration requested: source /data/app/json");
            });
        }

        @Test
        void backupCompletedFinishesTheBackupAndStartsTheMigration() {
            RunState state = fold(event(migrationRequested(), at(0)), event(backupCompleted(), at(10)));

            PhaseState backup = state.phase(Phase.BACKUP);
            assertThat(backup.status()).isEqualTo(PhaseStatus.SUCCEEDED);
            assertThat(backup.startedAt()).isEqualTo(at(0));
            assertThat(backup.finishedAt()).isEqualTo(at(10));
            assertThat(backup.duration()).isEqualTo(Duration.ofSeconds(10));
            assertThat(backup.detail()).isEqualTo(backupCompleted().describe()).contains("2 file(s)", "8 records");
            assertThat(state.phase(Phase.MIGRATION).status()).isEqualTo(PhaseStatus.RUNNING);
            assertThat(state.phase(Phase.MIGRATION).startedAt()).isEqualTo(at(10));
            assertThat(state.phase()).isEqualTo(Phase.MIGRATION);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.updatedAt()).isEqualTo(at(10));
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED, EventType.BACKUP_COMPLETED);
        }

        @Test
        void dataMigratedRecordsTheRowsAndStartsTheVerification() {
            RunState state = fold(happyPath().subList(0, 3));

            assertThat(state.rowsLoaded()).isEqualTo(8);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.SUCCEEDED);
            assertThat(state.phase(Phase.MIGRATION).detail()).contains("2 schema migration(s)", "8 rows");
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.RUNNING);
            assertThat(state.phase()).isEqualTo(Phase.VERIFICATION);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        }

        @Test
        void verificationPassedRecordsTheChecksAndStartsTheCutover() {
            RunState state = fold(happyPath().subList(0, 4));

            assertThat(state.checks()).isEqualTo(checks(true));
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.SUCCEEDED);
            assertThat(state.phase(Phase.VERIFICATION).detail()).isEqualTo("verification passed: 2 check(s) agree");
            assertPhase(state, Phase.CUTOVER, PhaseStatus.RUNNING);
            assertThat(state.phase()).isEqualTo(Phase.CUTOVER);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.isFinished()).isFalse();
        }

        @Test
        void cutoverReadyCompletesARunWithoutStabilizationWindow() {
            assertThat(spec().stabilization()).as("happyPath()'s spec asks for no window").isNull();
            RunState state = fold(happyPath());

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.isFinished()).isTrue();
            assertThat(state.phase()).isEqualTo(Phase.CUTOVER);
            for (Phase p : List.of(Phase.BACKUP, Phase.MIGRATION, Phase.VERIFICATION, Phase.CUTOVER)) {
                assertPhase(state, p, PhaseStatus.SUCCEEDED);
            }
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.SKIPPED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.stabilization()).isNull();
            assertThat(state.phase(Phase.CUTOVER).detail()).startsWith("cut-over ready: switch the data source");
            assertThat(state.failureReason()).isNull();
            assertThat(state.rollbackTrigger()).isNull();
            assertThat(state.rollbackActions()).isEmpty();
            assertThat(state.startedAt()).isEqualTo(at(0));
            assertThat(state.updatedAt()).isEqualTo(at(4));
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED, EventType.BACKUP_COMPLETED,
                    EventType.DATA_MIGRATED, EventType.VERIFICATION_PASSED, EventType.CUTOVER_READY);
        }

        @Test
        void applyingOneByOneEqualsReplay() {
            RunState state = RunState.initial(MIGRATION_ID);
            for (EventEnvelope e : happyPath()) {
                RunState next = RunStateMachine.apply(state, e);
                assertThat(next).isNotSameAs(state);
                state = next;
            }
            assertThat(state).isEqualTo(fold(happyPath()));
        }

        @Test
        void stateIsImmutable() {
            RunState state = fold(happyPath());

            assertThatThrownBy(() -> state.timeline().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.phases().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.seenEventIds().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class DryRuns {

        @Test
        void dryRunCompletedEndsTheRunCompletedWithTheCutOverSkipped() {
            RunState state = fold(event(migrationRequested(), at(0)), event(backupCompleted(), at(1)),
                    event(dataMigrated(8), at(2)), event(verificationPassed(), at(3)),
                    event(dryRunCompleted(), at(5)));

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.isFinished()).isTrue();
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.CUTOVER, PhaseStatus.SKIPPED);
            assertThat(state.phase(Phase.CUTOVER).detail()).contains("dry run completed", "nothing was cut over",
                    io.jsonmig.events.payload.DryRuns.schemaFor(MIGRATION_ID));
            assertThat(state.phase(Phase.CUTOVER).duration()).isEqualTo(Duration.ofSeconds(2));
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
        }

        @Test
        void aLateCutoverReadyCannotTurnASkippedCutOverIntoOne() {
            RunState state = fold(event(verificationPassed(), at(3)), event(dryRunCompleted(), at(5)),
                    event(cutoverReady(), at(6)));

            assertPhase(state, Phase.CUTOVER, PhaseStatus.SKIPPED);
        }

        @Test
        void aDryRunCompletedAfterARollbackBeganChangesNoStatus() {
            RunState state = fold(event(verificationPassed(), at(3)),
                    event(rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "aborted by alice", Phase.CUTOVER), at(4)),
                    event(dryRunCompleted(), at(5)));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
        }
    }

    @Nested
    class Failures {

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"BACKUP", "MIGRATION", "VERIFICATION", "CUTOVER"})
        void phaseFailedFailsThatPhaseButLeavesTheRunRunningUntilTheRollback(Phase phase) {
            RunState state = fold(event(migrationRequested(), at(0)), event(phaseFailed(phase, "disk full"), at(5)));

            PhaseState failed = state.phase(phase);
            assertThat(failed.status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(failed.detail()).isEqualTo("disk full");
            assertThat(failed.finishedAt()).isEqualTo(at(5));
            assertThat(state.failureReason()).isEqualTo("disk full");
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.isFinished()).isFalse();
            assertThat(state.timeline()).last().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.PHASE_FAILED);
                assertThat(e.summary()).isEqualTo(phase.name().toLowerCase() + " failed: disk full");
            });
        }

        @Test
        void verificationFailedRecordsTheChecksAndFailsTheVerification() {
            RunState state = fold(happyPath().subList(0, 3));
            state = RunStateMachine.apply(state, event(verificationFailed(), at(3)));

            assertThat(state.checks()).isEqualTo(checks(false));
            assertThat(state.checks()).extracting(c -> c.passed()).containsExactly(true, false);
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.FAILED);
            assertThat(state.phase(Phase.VERIFICATION).detail()).isEqualTo("orders: expected 5 rows, found 4");
            assertThat(state.failureReason()).isEqualTo("orders: expected 5 rows, found 4");
            assertPhase(state, Phase.CUTOVER, PhaseStatus.PENDING);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        }

        @Test
        void rollbackRequestedStartsTheRollbackAndFailsTheFailedPhase() {
            RunState state = fold(happyPath().subList(0, 2));
            state = RunStateMachine.apply(state, event(
                    rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "aborted by alice", Phase.MIGRATION), at(7)));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.isFinished()).isFalse();
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.OPERATOR_ABORT);
            assertThat(state.failureReason()).isEqualTo("aborted by alice");
            assertPhase(state, Phase.MIGRATION, PhaseStatus.FAILED);
            assertThat(state.phase(Phase.MIGRATION).detail()).isEqualTo("aborted by alice");
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.phase(Phase.ROLLBACK).startedAt()).isEqualTo(at(7));
            assertThat(state.phase()).isEqualTo(Phase.ROLLBACK);
        }

        @Test
        void theFirstFailureReasonIsKept() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(phaseFailed(Phase.BACKUP, "users.json is not JSON"), at(1)),
                    event(rollbackRequested(RollbackTrigger.PHASE_FAILED, "backup failed", Phase.BACKUP), at(2)));

            assertThat(state.failureReason()).isEqualTo("users.json is not JSON");
            assertThat(state.phase(Phase.BACKUP).detail()).isEqualTo("users.json is not JSON");
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        }

        @ParameterizedTest
        @EnumSource(RollbackTrigger.class)
        void everyRollbackTriggerIsRecorded(RollbackTrigger trigger) {
            RunState state = fold(event(migrationRequested(), at(0)),
                    event(rollbackRequested(trigger, "because " + trigger, Phase.BACKUP), at(1)));

            assertThat(state.rollbackTrigger()).isEqualTo(trigger);
            assertThat(state.timeline()).last().extracting(TimelineEntry::summary)
                    .isEqualTo("rollback requested (" + trigger.name().toLowerCase().replace('_', ' ') + "): because "
                            + trigger);
        }

        @Test
        void aRollbackWithoutFailedPhaseFailsNoForwardPhase() {
            RunState state = fold(happyPath().subList(0, 2));
            state = RunStateMachine.apply(state,
                    event(rollbackRequested(RollbackTrigger.STALLED, "no progress for 10 minutes", null), at(5)));

            assertPhase(state, Phase.BACKUP, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.RUNNING);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.failureReason()).isEqualTo("no progress for 10 minutes");
            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
        }

        @Test
        void aRollbackNamingTheRollbackPhaseDoesNotFailTheRollback() {
            RunState state = fold(event(migrationRequested(), at(0)),
                    event(rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "again", Phase.ROLLBACK), at(1)));

            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
        }

        @Test
        void aSuccessfulRollbackStepRecordsItsActions() {
            RunState state = fold(rolledBackPath().subList(0, 6));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.rollbackActions()).containsExactly(
                    "migration-service: dropped table orders", "migration-service: dropped table users");
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.timeline()).last().extracting(TimelineEntry::summary).isEqualTo(
                    "rollback step completed by migration-service: dropped table orders; dropped table users");
        }

        @Test
        void rollbackActionsOfSeveralCompensatorsAccumulate() {
            RunState state = fold(rolledBackPath().subList(0, 6));
            state = RunStateMachine.apply(state, event(BACKUP_SERVICE,
                    rollbackStep(BACKUP_SERVICE, true, "JSON files match snapshot snap-1"), at(6)));

            assertThat(state.rollbackActions()).containsExactly(
                    "migration-service: dropped table orders", "migration-service: dropped table users",
                    "backup-service: JSON files match snapshot snap-1");
        }

        @Test
        void datasourceRevertedEndsTheRollback() {
            RunState state = fold(rolledBackPath());

            assertThat(state.status()).isEqualTo(RunStatus.ROLLED_BACK);
            assertThat(state.isFinished()).isTrue();
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.SUCCEEDED);
            assertThat(state.phase(Phase.ROLLBACK).detail()).isEqualTo("datasource reverted: use the JSON files again");
            assertThat(state.phase(Phase.ROLLBACK).duration()).isEqualTo(Duration.ofSeconds(2));
            assertPhase(state, Phase.BACKUP, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.FAILED);
            assertPhase(state, Phase.CUTOVER, PhaseStatus.PENDING);
            assertThat(state.phase()).isEqualTo(Phase.ROLLBACK);
            assertThat(state.failureReason()).isEqualTo("orders: expected 5 rows, found 4");
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.DATA_INTEGRITY);
            assertThat(state.rowsLoaded()).isEqualTo(8);
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED,
                    EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED, EventType.VERIFICATION_FAILED,
                    EventType.ROLLBACK_REQUESTED, EventType.ROLLBACK_STEP_COMPLETED, EventType.DATASOURCE_REVERTED);
        }

        @Test
        void aFailingRollbackStepFailsTheRunAndItStaysFailedAfterDatasourceReverted() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath().subList(0, 5));
            events.add(event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, false,
                    "could not drop table orders: locked by pid 4711"), at(5)));
            RunState failed = fold(events);

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.isFinished()).isTrue();
            assertPhase(failed, Phase.ROLLBACK, PhaseStatus.FAILED);
            assertThat(failed.phase(Phase.ROLLBACK).detail()).startsWith("rollback step FAILED by migration-service");
            assertThat(failed.rollbackActions())
                    .containsExactly("migration-service: could not drop table orders: locked by pid 4711");
            assertThat(failed.failureReason()).as("the cause of the rollback stays the reason")
                    .isEqualTo("orders: expected 5 rows, found 4");

            RunState after = RunStateMachine.apply(failed, event(datasourceReverted(), at(6)));

            assertThat(after.status()).isEqualTo(RunStatus.FAILED);
            assertPhase(after, Phase.ROLLBACK, PhaseStatus.FAILED);
            assertThat(after.timeline()).hasSize(failed.timeline().size() + 1);
        }

        @Test
        void aSuccessfulStepAfterAFailingOneDoesNotRecoverTheRun() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "abort", Phase.BACKUP), at(1)),
                    event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, false, "cannot connect"), at(2)),
                    event(BACKUP_SERVICE, rollbackStep(BACKUP_SERVICE, true, "JSON files unchanged"), at(3)));

            assertThat(state.status()).isEqualTo(RunStatus.FAILED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.FAILED);
        }

        @Test
        void aRollbackAfterCompletionIsStillPossible() {
            List<EventEnvelope> events = new ArrayList<>(happyPath());
            events.add(event(rollbackRequested(RollbackTrigger.SMOKE_CHECK, "login page returns 500", Phase.CUTOVER),
                    at(5)));
            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertPhase(state, Phase.CUTOVER, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.SMOKE_CHECK);
        }
    }

    @Nested
    class ProgressEvents {

        @Test
        void progressIsKeptPerPhaseAndItemAndStartsThePhase() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    progressEvent(Phase.BACKUP, "users", 1, 3, at(1)),
                    progressEvent(Phase.BACKUP, "orders", 2, -1, at(2)));

            assertThat(state.progress()).containsOnlyKeys("BACKUP/users", "BACKUP/orders");
            assertThat(state.progress().get("BACKUP/users")).isEqualTo(new Progress(Phase.BACKUP, "users", 1, 3));
            assertThat(state.progress().get("BACKUP/orders").total()).isEqualTo(-1);
            assertThat(state.updatedAt()).isEqualTo(at(2));
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        }

        @Test
        void progressIsNotInTheTimeline() {
            RunState state = fold(event(migrationRequested(), at(0)), progressEvent(Phase.BACKUP, "users", 1, 3, at(1)));

            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED);
        }

        @Test
        void newerProgressReplacesOlder() {
            RunState state = fold(
                    progressEvent(Phase.MIGRATION, "users", 1, 3, at(1)),
                    progressEvent(Phase.MIGRATION, "users", 3, 3, at(2)));

            assertThat(state.progress().get("MIGRATION/users").done()).isEqualTo(3);
        }

        @Test
        void olderProgressArrivingLateDoesNotOverwriteNewer() {
            RunState state = fold(
                    progressEvent(Phase.MIGRATION, "users", 3, 3, at(2)),
                    progressEvent(Phase.MIGRATION, "users", 1, 3, at(1)));

            assertThat(state.progress().get("MIGRATION/users")).isEqualTo(new Progress(Phase.MIGRATION, "users", 3, 3));
            assertThat(state.updatedAt()).isEqualTo(at(2));
        }

        @Test
        void progressBeforeTheRequestStartsTheRunAndItsPhase() {
            RunState state = fold(progressEvent(Phase.MIGRATION, "users", 1, 3, at(1)));

            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.RUNNING);
            assertThat(state.phase(Phase.MIGRATION).startedAt()).isEqualTo(at(1));
            assertThat(state.phase()).isEqualTo(Phase.MIGRATION);
            assertThat(state.startedAt()).as("only migration.requested says when the run started").isNull();
        }

        @Test
        void lateProgressNeitherReopensAPhaseNorLowersTheStatus() {
            List<EventEnvelope> events = new ArrayList<>(happyPath());
            events.add(progressEvent(Phase.MIGRATION, "orders", 5, 5, at(2)));
            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.SUCCEEDED);
            assertThat(state.progress()).containsKey("MIGRATION/orders");
            assertThat(state.updatedAt()).isEqualTo(at(4));
        }
    }

    @Nested
    class DriftChecks {

        private List<EventEnvelope> throughData() {
            return List.of(event(migrationRequested(), at(0)), event(backupCompleted(), at(1)),
                    event(dataMigrated(8), at(2)));
        }

        @Test
        void bothEventsAreInTheTimelineAndChangeNoPhaseNorTheStatus() {
            RunState before = fold(throughData());
            List<EventEnvelope> events = new ArrayList<>(throughData());
            events.add(event(driftCheckRequested(), at(3)));
            events.add(event(driftClean(), at(4)));

            RunState state = fold(events);

            assertThat(timelineTypes(state)).endsWith(EventType.DRIFT_CHECK_REQUESTED, EventType.DRIFT_CHECKED);
            assertThat(state.status()).isEqualTo(before.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.phases().values()).extracting(PhaseState::status)
                    .containsExactlyElementsOf(before.phases().values().stream().map(PhaseState::status).toList());
            assertThat(state.phase()).isEqualTo(Phase.VERIFICATION);
            assertThat(state.drift().clean()).isTrue();
            assertThat(state.warnings()).isEmpty();
        }

        @Test
        void aDriftIsAWarningNamingTheFilesWithoutChangingTheStatus() {
            List<EventEnvelope> events = new ArrayList<>(happyPath());
            events.add(event(driftFound(), at(5)));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.drift().clean()).isFalse();
            assertThat(state.drift().files()).hasSize(2);
            assertThat(state.drift().checkedAt()).isEqualTo(at(5));
            assertThat(state.warnings()).singleElement().asString()
                    .contains("/data/app/json", "snap-1", "db.json changed", "extra.json missing", "refuse the cut-over");
            assertThat(state.failureReason()).isNull();
        }

        @Test
        void aLaterCleanCheckClearsTheWarning() {
            RunState state = fold(event("first", driftFound(), at(5)), event("second", driftClean(), at(6)));

            assertThat(state.drift().clean()).isTrue();
            assertThat(state.warnings()).isEmpty();
        }

        @Test
        void anOlderCheckArrivingLateDoesNotReplaceTheNewer() {
            RunState state = fold(event("second", driftClean(), at(6)), event("first", driftFound(), at(5)));

            assertThat(state.drift().checkedAt()).isEqualTo(at(6));
            assertThat(state.warnings()).isEmpty();
            assertThat(timelineTypes(state)).containsExactly(EventType.DRIFT_CHECKED, EventType.DRIFT_CHECKED);
        }

        @Test
        void aDriftDuringARollbackLeavesItRollingBack() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath().subList(0, 5));
            events.add(event(driftFound(), at(5)));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.warnings()).hasSize(1);
        }
    }

    @Nested
    class Duplicates {

        static Stream<EventEnvelope> everyEvent() {
            return oneOfEach().stream();
        }

        @ParameterizedTest
        @MethodSource("everyEvent")
        void theSameEventTwiceReturnsTheSameStateInstance(EventEnvelope event) {
            RunState once = RunStateMachine.apply(RunState.initial(MIGRATION_ID), event);
            RunState twice = RunStateMachine.apply(once, event);

            assertThat(twice).isSameAs(once);
            assertThat(once.seenEventIds()).containsExactly(event.eventId());
        }

        @Test
        void aRepublishedStepWithANewTimestampIsStillTheSameEvent() {
            RunState state = fold(happyPath().subList(0, 3));
            EventEnvelope republished = event(dataMigrated(99), at(30));
            assertThat(republished.eventId()).isEqualTo(happyPath().get(2).eventId());

            RunState after = RunStateMachine.apply(state, republished);

            assertThat(after).isSameAs(state);
            assertThat(after.rowsLoaded()).isEqualTo(8);
            assertThat(after.updatedAt()).isEqualTo(at(2));
            assertThat(after.timeline()).hasSize(3);
        }

        @Test
        void replayingEveryEventTwiceGivesAnEqualState() {
            List<EventEnvelope> doubled = new ArrayList<>(rolledBackPath());
            doubled.addAll(rolledBackPath());

            RunState state = fold(doubled);

            assertThat(state).isEqualTo(fold(rolledBackPath()));
            assertThat(state.timeline()).hasSize(rolledBackPath().size());
            assertThat(state.rollbackActions()).hasSize(2);
        }

        @Test
        void aDuplicateProgressEventIsIgnored() {
            EventEnvelope progress = progressEvent(Phase.BACKUP, "users", 1, 3, at(1));
            RunState once = fold(progress);

            assertThat(RunStateMachine.apply(once, progress)).isSameAs(once);
        }

        @Test
        void aRetryIsADifferentEventAndRaisesTheAttempt() {
            EventEnvelope first = event(MIGRATION_ID, 1, "", backupCompleted(), at(1));
            EventEnvelope retry = event(MIGRATION_ID, 2, "", backupCompleted(), at(9));
            assertThat(retry.eventId()).isNotEqualTo(first.eventId());

            RunState state = fold(event(migrationRequested(), at(0)), retry, first);

            assertThat(state.attempt()).isEqualTo(2);
            assertThat(state.timeline()).extracting(TimelineEntry::attempt).containsExactly(1, 1, 2);
        }
    }

    @Nested
    class OutOfOrderDelivery {

        @Test
        void dataMigratedBeforeBackupCompleted() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(dataMigrated(8), at(2)),
                    event(backupCompleted(), at(1)));

            assertPhase(state, Phase.BACKUP, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.RUNNING);
            assertThat(state.phase()).isEqualTo(Phase.VERIFICATION);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.rowsLoaded()).isEqualTo(8);
            assertThat(state.updatedAt()).isEqualTo(at(2));
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED,
                    EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED);
        }

        @Test
        void aLaterPhaseSucceedingImpliesItsPredecessorsSucceeded() {
            RunState state = fold(event(verificationPassed(), at(3)));

            assertPhase(state, Phase.BACKUP, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.CUTOVER, PhaseStatus.RUNNING);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.spec()).as("known from any phase event").isEqualTo(spec());
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        }

        @Test
        void aLateSuccessDoesNotOverwriteAFailedPhase() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(phaseFailed(Phase.MIGRATION, "duplicate key"), at(2)),
                    event(dataMigrated(8), at(3)));

            assertPhase(state, Phase.MIGRATION, PhaseStatus.FAILED);
            assertThat(state.phase(Phase.MIGRATION).detail()).isEqualTo("duplicate key");
        }

        @Test
        void cutoverReadyAfterRollbackRequestedDoesNotCompleteTheRun() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(backupCompleted(), at(1)),
                    event(dataMigrated(8), at(2)),
                    event(verificationPassed(), at(3)),
                    event(rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "aborted", Phase.CUTOVER), at(5)),
                    event(cutoverReady(), at(4)));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.isFinished()).isFalse();
            assertThat(state.phase()).isEqualTo(Phase.ROLLBACK);
            assertThat(timelineTypes(state)).endsWith(EventType.CUTOVER_READY, EventType.ROLLBACK_REQUESTED);

            RunState reverted = RunStateMachine.apply(state, event(datasourceReverted(), at(6)));
            assertThat(reverted.status()).isEqualTo(RunStatus.ROLLED_BACK);
        }

        @Test
        void datasourceRevertedBeforeRollbackRequested() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(backupCompleted(), at(1)),
                    event(datasourceReverted(), at(6)),
                    event(rollbackRequested(RollbackTrigger.PHASE_FAILED, "schema V2 failed", Phase.MIGRATION),
                            at(3)));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLED_BACK);
            assertThat(state.isFinished()).isTrue();
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.FAILED);
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
            assertThat(state.failureReason()).isEqualTo("schema V2 failed");
            assertThat(state.updatedAt()).isEqualTo(at(6));
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED,
                    EventType.BACKUP_COMPLETED, EventType.ROLLBACK_REQUESTED, EventType.DATASOURCE_REVERTED);
        }

        @Test
        void rollbackStepBeforeRollbackRequested() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, true, "dropped table users"), at(4)),
                    event(rollbackRequested(RollbackTrigger.PHASE_FAILED, "schema V2 failed", Phase.MIGRATION),
                            at(3)));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            assertThat(state.rollbackActions()).containsExactly("migration-service: dropped table users");
            assertThat(state.failureReason()).isEqualTo("schema V2 failed");
        }

        @Test
        void aFailingStepAfterDatasourceRevertedStillFailsTheRun() {
            RunState state = fold(
                    event(migrationRequested(), at(0)),
                    event(rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "abort", Phase.BACKUP), at(1)),
                    event(datasourceReverted(), at(3)),
                    event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, false, "cannot connect"), at(2)));

            assertThat(state.status()).isEqualTo(RunStatus.FAILED);
        }

        @Test
        void migrationRequestedArrivingLastStillSetsStartAndSpec() {
            RunState state = fold(
                    event(backupCompleted(), at(1)),
                    event(migrationRequested(), at(0)));

            assertThat(state.startedAt()).isEqualTo(at(0));
            assertThat(state.updatedAt()).isEqualTo(at(1));
            assertThat(state.spec()).isEqualTo(spec());
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(timelineTypes(state)).containsExactly(EventType.MIGRATION_REQUESTED, EventType.BACKUP_COMPLETED);
        }

        @Test
        void theStatusNeverFallsBack() {
            RunState state = fold(rolledBackPath());
            for (EventEnvelope late : List.of(
                    event(OTHER_STEP, migrationRequested(), at(0)),
                    event(OTHER_STEP, dataMigrated(8), at(2)),
                    event(OTHER_STEP, cutoverReady(), at(4)),
                    progressEvent(Phase.MIGRATION, "users", 3, 3, at(2)))) {
                state = RunStateMachine.apply(state, late);
                assertThat(state.status()).as("after late %s", late.type()).isEqualTo(RunStatus.ROLLED_BACK);
            }
        }

        static Stream<Arguments> arrivalOrders() {
            return Stream.of(
                    Arguments.of("reversed", reversed(happyPath())),
                    Arguments.of("reversed", reversed(rolledBackPath())),
                    Arguments.of("shuffled seed 1", shuffled(happyPath(), 1)),
                    Arguments.of("shuffled seed 2", shuffled(rolledBackPath(), 2)),
                    Arguments.of("shuffled seed 3", shuffled(rolledBackPath(), 3)),
                    Arguments.of("shuffled seed 4", shuffled(rolledBackPath(), 4)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("arrivalOrders")
        void theTimelineIsSortedByOccurrenceWhateverTheArrivalOrder(String order, List<EventEnvelope> events) {
            List<EventEnvelope> inOrder = events.stream()
                    .sorted((a, b) -> a.occurredAt().compareTo(b.occurredAt())).toList();
            RunState expected = fold(inOrder);

            RunState state = fold(events);

            assertThat(state.timeline()).isEqualTo(expected.timeline());
            assertThat(state.timeline()).extracting(TimelineEntry::occurredAt).isSorted();
            assertThat(state.status()).isEqualTo(expected.status());
            assertThat(state.startedAt()).isEqualTo(at(0));
            assertThat(state.updatedAt()).isEqualTo(inOrder.get(inOrder.size() - 1).occurredAt());
            assertThat(state.rowsLoaded()).isEqualTo(expected.rowsLoaded());
            assertThat(state.checks()).isEqualTo(expected.checks());
            assertThat(state.rollbackActions()).isEqualTo(expected.rollbackActions());
            assertThat(state.rollbackTrigger()).isEqualTo(expected.rollbackTrigger());
            assertThat(state.spec()).isEqualTo(expected.spec());
            assertThat(state.seenEventIds()).isEqualTo(expected.seenEventIds());
            for (Phase p : Phase.values()) {
                assertPhase(state, p, expected.phase(p).status());
            }
        }

        @Test
        void eventsAtTheSameInstantAreOrderedByFlow() {
            RunState state = fold(
                    event(cutoverReady(), at(3)),
                    event(verificationPassed(), at(3)));

            assertThat(timelineTypes(state)).containsExactly(EventType.VERIFICATION_PASSED, EventType.CUTOVER_READY);
        }

        private static final String OTHER_STEP = "late-copy";

        private static List<EventEnvelope> reversed(List<EventEnvelope> events) {
            List<EventEnvelope> copy = new ArrayList<>(events);
            Collections.reverse(copy);
            return copy;
        }

        private static List<EventEnvelope> shuffled(List<EventEnvelope> events, long seed) {
            List<EventEnvelope> copy = new ArrayList<>(events);
            Collections.shuffle(copy, new Random(seed));
            return copy;
        }
    }

    @Nested
    class Retries {

        private static EventEnvelope second(EventPayload payload, long seconds) {
            return event(MIGRATION_ID, 2, "", payload, at(seconds));
        }

        private static List<EventEnvelope> secondAttemptCompleting() {
            return List.of(
                    second(retryRequested(Phase.VERIFICATION), 10),
                    second(backupCompleted(), 11),
                    second(dataMigrated(8), 12),
                    second(verificationPassed(), 13),
                    second(driftClean(), 14),
                    second(cutoverReady(), 15));
        }

        @Test
        void aRetryOfARolledBackRunBeginsAFreshAttempt() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.add(second(retryRequested(Phase.VERIFICATION), 10));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.attempt()).isEqualTo(2);
            assertPhase(state, Phase.BACKUP, PhaseStatus.RUNNING);
            for (Phase later : List.of(Phase.MIGRATION, Phase.VERIFICATION, Phase.CUTOVER, Phase.ROLLBACK)) {
                assertPhase(state, later, PhaseStatus.PENDING);
            }
            assertThat(state.phase()).isEqualTo(Phase.BACKUP);
            assertThat(state.failureReason()).isNull();
            assertThat(state.rollbackTrigger()).isNull();
            assertThat(state.checks()).isEmpty();
            assertThat(state.rollbackActions()).isEmpty();
            assertThat(state.rowsLoaded()).isZero();
            assertThat(state.startedAt()).as("the run's start, not the attempt's").isEqualTo(at(0));
            assertThat(state.timeline()).hasSize(rolledBackPath().size() + 1);
            assertThat(state.timeline().get(state.timeline().size() - 1).type()).isEqualTo(EventType.RETRY_REQUESTED);
            assertThat(state.timeline()).extracting(TimelineEntry::attempt).containsExactly(1, 1, 1, 1, 1, 1, 1, 2);
        }

        @Test
        void theRetriedAttemptCompletesTheRun() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.addAll(secondAttemptCompleting());

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            for (Phase phase : List.of(Phase.BACKUP, Phase.MIGRATION, Phase.VERIFICATION, Phase.CUTOVER)) {
                assertPhase(state, phase, PhaseStatus.SUCCEEDED);
            }
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.checks()).isEqualTo(checks(true));
            assertThat(state.drift().clean()).isTrue();
            assertThat(state.warnings()).isEmpty();
        }

        @Test
        void aFailureOfTheRetriedAttemptIsItsOwn() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.add(second(retryRequested(Phase.VERIFICATION), 10));
            events.add(second(phaseFailed(Phase.BACKUP, "snapshot file db.json is corrupted"), 11));
            events.add(second(rollbackRequested(RollbackTrigger.PHASE_FAILED, "snapshot file db.json is corrupted",
                    Phase.BACKUP), 11));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.failureReason()).isEqualTo("snapshot file db.json is corrupted");
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
            assertPhase(state, Phase.BACKUP, PhaseStatus.FAILED);
            assertPhase(state, Phase.VERIFICATION, PhaseStatus.PENDING);
        }

        @Test
        void lateEventsOfTheOlderAttemptOnlyJoinTheTimeline() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.add(second(retryRequested(Phase.VERIFICATION), 10));
            events.add(second(backupCompleted(), 11));
            RunState before = fold(events);
            List<EventEnvelope> late = List.of(
                    event("late-step", rollbackStep(BACKUP_SERVICE, false, "db.json could not be restored"), at(7)),
                    event("late", rollbackRequested(RollbackTrigger.OPERATOR_ABORT, "stop", Phase.MIGRATION), at(8)),
                    event(cutoverReady(), at(9)),
                    progressEvent(Phase.MIGRATION, "users", 3, 3, at(9)));

            RunState after = before;
            for (EventEnvelope event : late) {
                after = RunStateMachine.apply(after, event);
            }

            assertThat(after.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(after.phases()).isEqualTo(before.phases());
            assertThat(after.rollbackActions()).isEmpty();
            assertThat(after.failureReason()).isNull();
            assertThat(after.rollbackTrigger()).isNull();
            assertThat(after.progress()).isEmpty();
            assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
            assertThat(after.attempt()).isEqualTo(2);
            assertThat(timelineTypes(after)).hasSize(before.timeline().size() + 3)
                    .contains(EventType.CUTOVER_READY);
        }

        @Test
        void anEventOfTheNewAttemptArrivingBeforeItsRetryRequestBeginsTheAttempt() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.add(second(backupCompleted(), 11));
            events.add(second(retryRequested(Phase.VERIFICATION), 10));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertPhase(state, Phase.BACKUP, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.MIGRATION, PhaseStatus.RUNNING);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.rollbackActions()).isEmpty();
        }

        @Test
        void aDuplicateRetryRequestChangesNothing() {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.add(second(retryRequested(Phase.VERIFICATION), 10));
            events.add(second(backupCompleted(), 11));
            RunState state = fold(events);

            RunState again = RunStateMachine.apply(state, second(retryRequested(Phase.VERIFICATION), 20));

            assertThat(again).isSameAs(state);
            assertPhase(again, Phase.BACKUP, PhaseStatus.SUCCEEDED);
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
        void bothAttemptsInAnyOrderEndInTheCompletedSecondAttempt(long seed) {
            List<EventEnvelope> events = new ArrayList<>(rolledBackPath());
            events.addAll(secondAttemptCompleting());
            Collections.shuffle(events, new Random(seed));

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.attempt()).isEqualTo(2);
            for (Phase phase : List.of(Phase.BACKUP, Phase.MIGRATION, Phase.VERIFICATION, Phase.CUTOVER)) {
                assertPhase(state, phase, PhaseStatus.SUCCEEDED);
            }
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.failureReason()).isNull();
            assertThat(state.rollbackActions()).isEmpty();
            assertThat(state.startedAt()).isEqualTo(at(0));
            assertThat(state.timeline()).hasSize(rolledBackPath().size() + secondAttemptCompleting().size());
            assertThat(state.timeline()).isSortedAccordingTo(java.util.Comparator.comparing(TimelineEntry::occurredAt));
        }
    }

    @Nested
    class Validation {

        @Test
        void anEventOfAnotherMigrationIsRejected() {
            RunState state = fold(happyPath().subList(0, 2));
            EventEnvelope foreign = event(OTHER_MIGRATION_ID, 1, "", dataMigrated(8), at(2));

            assertThatThrownBy(() -> RunStateMachine.apply(state, foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(foreign.eventId())
                    .hasMessageContaining(OTHER_MIGRATION_ID)
                    .hasMessageContaining(MIGRATION_ID);
        }

        @Test
        void replayRejectsAForeignEventToo() {
            List<EventEnvelope> events = List.of(event(migrationRequested(), at(0)),
                    event(OTHER_MIGRATION_ID, 1, "", backupCompleted(), at(1)));

            assertThatThrownBy(() -> fold(events)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("belongs to run " + OTHER_MIGRATION_ID);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 5})
        void theAttemptIsTheHighestSeen(int attempt) {
            RunState state = fold(IntStream.rangeClosed(1, attempt)
                    .mapToObj(a -> event(MIGRATION_ID, a, "", migrationRequested(), at(a)))
                    .toList());

            assertThat(state.attempt()).isEqualTo(attempt);
            assertThat(state.timeline()).hasSize(attempt);
        }
    }
}
