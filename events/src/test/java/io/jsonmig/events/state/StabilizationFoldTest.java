package io.jsonmig.events.state;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.VerificationPassed;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.jsonmig.events.TestEvents.MIGRATION_ID;
import static io.jsonmig.events.TestEvents.MIGRATION_SERVICE;
import static io.jsonmig.events.TestEvents.at;
import static io.jsonmig.events.TestEvents.carriedBack;
import static io.jsonmig.events.TestEvents.checks;
import static io.jsonmig.events.TestEvents.cutoverReady;
import static io.jsonmig.events.TestEvents.dataMigrated;
import static io.jsonmig.events.TestEvents.datasourceReverted;
import static io.jsonmig.events.TestEvents.datasourceRevertedCarryingBack;
import static io.jsonmig.events.TestEvents.event;
import static io.jsonmig.events.TestEvents.reverseSyncExported;
import static io.jsonmig.events.TestEvents.reverseSyncVerified;
import static io.jsonmig.events.TestEvents.rollbackRequested;
import static io.jsonmig.events.TestEvents.rollbackStep;
import static io.jsonmig.events.TestEvents.runFinalized;
import static io.jsonmig.events.TestEvents.snapshot;
import static io.jsonmig.events.TestEvents.specWithWindow;
import static org.assertj.core.api.Assertions.assertThat;

/** The fold after the cut-over: the stabilization window, its end, and the way back within it. */
class StabilizationFoldTest {

    private static final Duration WINDOW = Duration.ofHours(72);

    private static RunState fold(List<EventEnvelope> events) {
        return RunStateMachine.replay(MIGRATION_ID, events);
    }

    private static RunState fold(EventEnvelope... events) {
        return fold(List.of(events));
    }

    private static CutoverReady cutoverWithWindow() {
        CutoverReady plain = cutoverReady();
        return new CutoverReady(plain.targetProfile(), plain.tables(), plain.instruction(), Stabilization.of(WINDOW));
    }

    /** A run asking for a 72-hour window, up to its cut-over at {@code at(4)}. */
    private static List<EventEnvelope> cutOver() {
        return List.of(
                event(new MigrationRequested(specWithWindow()), at(0)),
                event(new BackupCompleted(specWithWindow(), snapshot()), at(1)),
                event(dataMigrated(8), at(2)),
                event(new VerificationPassed(specWithWindow(), checks(true), "/var/jsonmig/reports/verify.json"), at(3)),
                event(cutoverWithWindow(), at(4)));
    }

    private static List<EventEnvelope> plus(List<EventEnvelope> base, EventEnvelope... more) {
        List<EventEnvelope> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static EventEnvelope lateRollback(long second) {
        return event(RollbackRequested.afterCutover(RollbackTrigger.FUNCTIONALITY, "login broken", specWithWindow()),
                at(second));
    }

    /** A rollback within the window, carried through to the restored files. */
    private static List<EventEnvelope> wayBack() {
        return plus(cutOver(), lateRollback(100),
                event(MIGRATION_SERVICE, reverseSyncExported(), at(101)),
                event(reverseSyncVerified(), at(102)),
                event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, true, "fenced public.users, public.orders"), at(103)),
                event(datasourceRevertedCarryingBack(), at(104)));
    }

    private static void assertPhase(RunState state, Phase phase, PhaseStatus status) {
        assertThat(state.phase(phase).status()).as("status of %s", phase).isEqualTo(status);
    }

    @Nested
    class Window {

        @Test
        void cutoverWithAWindowIsStabilizingNotCompleted() {
            RunState state = fold(cutOver());

            assertThat(state.status()).isEqualTo(RunStatus.STABILIZING);
            assertThat(state.status().isTerminal()).isFalse();
            assertPhase(state, Phase.CUTOVER, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.RUNNING);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.PENDING);
            assertThat(state.phase()).isEqualTo(Phase.STABILIZATION);
            assertThat(state.stabilization().cutoverAt()).isEqualTo(at(4));
            assertThat(state.stabilization().endsAt()).isEqualTo(at(4).plus(WINDOW));
            assertThat(state.stabilization().isOpen()).isTrue();
            assertThat(state.stabilization().remainingAt(at(4).plus(Duration.ofHours(70))))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(state.stabilization().remainingAt(at(4).plus(Duration.ofHours(73)))).isZero();
        }

        @Test
        void theCutoverEventAloneOpensTheWindowItAnnounces() {
            RunState state = fold(event(cutoverWithWindow(), at(4)));

            assertThat(state.status()).isEqualTo(RunStatus.STABILIZING);
            assertThat(state.stabilization().window()).isEqualTo(WINDOW);
        }

        @Test
        void aZeroWindowEndsTheRunAtItsCutover() {
            CutoverReady plain = cutoverReady();
            RunState state = fold(event(new CutoverReady(plain.targetProfile(), plain.tables(), plain.instruction(),
                    Stabilization.NONE), at(4)));

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.SKIPPED);
            assertThat(state.stabilization()).isNull();
        }

        @Test
        void aCutoverWithoutTheFieldTakesTheWindowFromTheSpec() {
            List<EventEnvelope> events = new ArrayList<>(cutOver());
            events.set(4, event(cutoverReady(), at(4)));

            assertThat(fold(events).status()).isEqualTo(RunStatus.STABILIZING);
        }

        @Test
        void aDryRunNeverHasAWindow() {
            RunState state = fold(event(new MigrationRequested(specWithWindow().withDryRun(true)), at(0)),
                    event(cutoverWithWindow(), at(4)));

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.stabilization()).isNull();
        }
    }

    @Nested
    class Finalizing {

        @ParameterizedTest
        @EnumSource(Finalization.class)
        void runFinalizedCompletesTheRunAndClosesTheWayBack(Finalization how) {
            RunState state = fold(plus(cutOver(), event(runFinalized(how), at(50))));

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.SKIPPED);
            assertThat(state.phase(Phase.ROLLBACK).detail()).isEqualTo("not needed: the run was finalized");
            assertThat(state.stabilization().finalization()).isEqualTo(how);
            assertThat(state.stabilization().finalizedAt()).isEqualTo(at(50));
            assertThat(state.stabilization().isOpen()).isFalse();
            assertThat(state.stabilization().remainingAt(at(51))).isZero();
        }

        @Test
        void aSecondFinalizeKeepsTheFirst() {
            RunState state = fold(plus(cutOver(), event(runFinalized(Finalization.OPERATOR), at(50)),
                    event(runFinalized(Finalization.WINDOW_ELAPSED), at(60))));

            assertThat(state.stabilization().finalization()).isEqualTo(Finalization.OPERATOR);
            assertThat(state.stabilization().finalizedAt()).isEqualTo(at(50));
        }

        @Test
        void aDuplicateFinalizeChangesNothing() {
            EventEnvelope finalized = event(runFinalized(Finalization.OPERATOR), at(50));
            RunState once = fold(plus(cutOver(), finalized));

            assertThat(RunStateMachine.apply(once, finalized)).isEqualTo(once);
        }

        @Test
        void aFinalizeThatOvertookTheCutoverKeepsTheCutoverTime() {
            List<EventEnvelope> events = new ArrayList<>(cutOver());
            EventEnvelope cutover = events.remove(4);
            events.add(event(runFinalized(Finalization.OPERATOR), at(50)));
            events.add(cutover);

            RunState state = fold(events);

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(state.stabilization().cutoverAt()).isEqualTo(at(4));
            assertThat(state.stabilization().endsAt()).isEqualTo(at(4).plus(WINDOW));
            assertThat(state.stabilization().finalizedAt()).isEqualTo(at(50));
            assertPhase(state, Phase.CUTOVER, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.SUCCEEDED);
        }

        @Test
        void aRollbackAfterTheFinalizeIsRefusedWithAWarning() {
            RunState state = fold(plus(cutOver(), event(runFinalized(Finalization.OPERATOR), at(50)),
                    lateRollback(60)));

            assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.SKIPPED);
            assertThat(state.rollbackTrigger()).isNull();
            assertThat(state.warnings()).contains("rollback requested after the run was finalized, refused: login broken");
        }

        @Test
        void aFinalizeDuringTheRollbackIsIgnored() {
            RunState state = fold(plus(cutOver(), lateRollback(50), event(runFinalized(Finalization.WINDOW_ELAPSED),
                    at(60))));

            assertThat(state.status()).isEqualTo(RunStatus.ROLLING_BACK);
            assertThat(state.stabilization().isFinalized()).isFalse();
            assertThat(state.warnings()).contains("run.finalized ignored: the run was already rolling back");
        }
    }

    @Nested
    class WayBack {

        @Test
        void aRollbackWithinTheWindowClosesItAndCarriesTheWritesBack() {
            RunState state = fold(wayBack());

            assertThat(state.status()).isEqualTo(RunStatus.ROLLED_BACK);
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.FAILED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.SUCCEEDED);
            assertPhase(state, Phase.CUTOVER, PhaseStatus.SUCCEEDED);
            assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.FUNCTIONALITY);
            assertThat(state.failureReason()).isEqualTo("login broken");
            assertThat(state.stabilization().rolledBackAt()).isEqualTo(at(100));
            assertThat(state.stabilization().isOpen()).isFalse();
            ReverseSync sync = state.reverseSync();
            assertThat(sync.fence().tables()).containsExactly("public.users", "public.orders");
            assertThat(sync.verified()).isTrue();
            assertThat(sync.restored()).isTrue();
            assertThat(sync.reportLocation()).isEqualTo("/var/jsonmig/reports/reverse.json");
            assertThat(sync.collections()).isEqualTo(carriedBack());
            assertThat(sync.writes()).isEqualTo(5);
        }

        @Test
        void eachStepOfTheWayBackIsRollingBack() {
            List<EventEnvelope> events = wayBack();
            for (int n = 5; n < events.size() - 1; n++) {
                RunState state = fold(events.subList(0, n + 1));
                assertThat(state.status()).as("after %s", events.get(n).type()).isEqualTo(RunStatus.ROLLING_BACK);
                assertPhase(state, Phase.ROLLBACK, PhaseStatus.RUNNING);
            }
        }

        @Test
        void aRollbackNamingAnotherPhaseStillEndsTheWindow() {
            RunState state = fold(plus(cutOver(), event(rollbackRequested(RollbackTrigger.DATA_INTEGRITY,
                    "orders drifted", Phase.VERIFICATION), at(100))));

            assertPhase(state, Phase.STABILIZATION, PhaseStatus.FAILED);
            assertThat(state.stabilization().rolledBackAt()).isEqualTo(at(100));
        }

        @Test
        void aRevertedWithoutFiguresAfterAnExportStillCountsAsRestored() {
            List<EventEnvelope> events = new ArrayList<>(wayBack());
            events.set(events.size() - 1, event(datasourceReverted(), at(104)));

            RunState state = fold(events);

            assertThat(state.reverseSync().restored()).isTrue();
            assertThat(state.reverseSync().collections()).isEqualTo(carriedBack());
        }

        @Test
        void aFailedExportVerificationFailsTheRollback() {
            RunState state = fold(plus(cutOver(), lateRollback(100),
                    event(MIGRATION_SERVICE, reverseSyncExported(), at(101)),
                    event("reverse-sync", rollbackStep(RollbackStepCompleted.VERIFIER, false,
                            "export differs from the fenced tables: users 2 rows"), at(102))));

            assertThat(state.status()).isEqualTo(RunStatus.FAILED);
            assertPhase(state, Phase.ROLLBACK, PhaseStatus.FAILED);
            assertThat(state.reverseSync().verified()).isFalse();
            assertThat(state.reverseSync().restored()).isFalse();
        }

        @Test
        void aSecondRollbackRequestIsANoOp() {
            RunState once = fold(plus(cutOver(), lateRollback(100)));
            RunState twice = fold(plus(cutOver(), lateRollback(100), lateRollback(101)));

            assertThat(twice.status()).isEqualTo(once.status());
            assertThat(twice.stabilization()).isEqualTo(once.stabilization());
            assertThat(twice.phases()).isEqualTo(once.phases());
        }

        @Test
        void anyOrderOfTheWayBackFoldsToTheSameState() {
            List<EventEnvelope> inOrder = wayBack();
            RunState expected = fold(inOrder);
            Random random = new Random(17);
            for (int round = 0; round < 200; round++) {
                List<EventEnvelope> shuffled = new ArrayList<>(inOrder);
                Collections.shuffle(shuffled, random);
                RunState state = fold(shuffled);
                assertThat(state.status()).as("order %s", shuffled.stream().map(EventEnvelope::type).toList())
                        .isEqualTo(expected.status());
                assertThat(state.stabilization()).isEqualTo(expected.stabilization());
                assertThat(state.reverseSync()).isEqualTo(expected.reverseSync());
                assertThat(state.rollbackTrigger()).isEqualTo(expected.rollbackTrigger());
            }
        }

        @Test
        void duplicatesOfEveryEventChangeNothing() {
            List<EventEnvelope> doubled = new ArrayList<>();
            for (EventEnvelope e : wayBack()) {
                doubled.add(e);
                doubled.add(e);
            }
            assertThat(fold(doubled)).isEqualTo(fold(wayBack()));
        }

        @Test
        void aRetryAfterTheWayBackStartsWithoutWindowOrSync() {
            RunState state = fold(plus(wayBack(), event(MIGRATION_ID, 2, "", new io.jsonmig.events.payload.RetryRequested(
                    specWithWindow(), Phase.STABILIZATION, "alice", "login fixed"), at(200))));

            assertThat(state.attempt()).isEqualTo(2);
            assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(state.stabilization()).isNull();
            assertThat(state.reverseSync()).isNull();
            assertPhase(state, Phase.STABILIZATION, PhaseStatus.PENDING);
        }
    }

    @Test
    void dataMigratedDoesNotOpenAWindow() {
        assertThat(fold(event(new DataMigrated(specWithWindow(), null, List.of(), List.of(), 0, 0), at(2)))
                .stabilization()).isNull();
    }
}
