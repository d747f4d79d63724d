package io.jsonmig.events.state;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.events.payload.BackupCompleted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.jsonmig.events.TestEvents.MIGRATION_ID;
import static io.jsonmig.events.TestEvents.at;
import static io.jsonmig.events.TestEvents.checks;
import static io.jsonmig.events.TestEvents.cutoverReady;
import static io.jsonmig.events.TestEvents.dataMigrated;
import static io.jsonmig.events.TestEvents.event;
import static io.jsonmig.events.TestEvents.snapshot;
import static io.jsonmig.events.TestEvents.specWithWindow;
import static io.jsonmig.events.TestEvents.stabilizationBaselined;
import static io.jsonmig.events.TestEvents.stabilizationChecked;
import static org.assertj.core.api.Assertions.assertThat;

/** stabilization.baselined and stabilization.checked: informational, the latest of each kept. */
class ProbesFoldTest {

    private static RunState fold(List<EventEnvelope> events) {
        return RunStateMachine.replay(MIGRATION_ID, events);
    }

    private static List<EventEnvelope> cutOver() {
        CutoverReady plain = cutoverReady();
        return List.of(
                event(new MigrationRequested(specWithWindow()), at(0)),
                event(new BackupCompleted(specWithWindow(), snapshot()), at(1)),
                event(dataMigrated(8), at(2)),
                event(new VerificationPassed(specWithWindow(), checks(true), "/var/jsonmig/reports/verify.json"), at(3)),
                event(new CutoverReady(plain.targetProfile(), plain.tables(), plain.instruction(),
                        Stabilization.of(Duration.ofHours(72))), at(4)));
    }

    private static List<EventEnvelope> plus(List<EventEnvelope> base, EventEnvelope... more) {
        List<EventEnvelope> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static EventEnvelope check(long second, boolean passed, double millis) {
        return event("at-" + second, stabilizationChecked(passed, millis), at(second));
    }

    @Test
    void aBaselineBeforeTheCutOverIsKeptAndMovesNothing() {
        List<EventEnvelope> upToVerification = cutOver().subList(0, 4);
        RunState without = fold(upToVerification);

        RunState with = fold(plus(upToVerification, event(stabilizationBaselined(), at(3))));

        assertThat(with.status()).isEqualTo(without.status());
        assertThat(with.phases()).isEqualTo(without.phases());
        assertThat(with.failureReason()).isNull();
        assertThat(with.watch().baselinedAt()).isEqualTo(at(3));
        assertThat(with.watch().baseline()).extracting(ProbeBaseline::probe).containsExactly("app-health", "orders-page");
        assertThat(with.watch().baseline().get(1).hasBaseline()).isFalse();
        assertThat(with.watch().checkedAt()).isNull();
        assertThat(with.timeline()).extracting(TimelineEntry::type).contains(io.jsonmig.events.EventType.STABILIZATION_BASELINED);
    }

    @Test
    void aFailedCheckInTheWindowKeepsTheRunStabilizing() {
        RunState state = fold(plus(cutOver(), check(10, false, 900.0)));

        assertThat(state.status()).isEqualTo(RunStatus.STABILIZING);
        assertThat(state.phase(io.jsonmig.events.Phase.STABILIZATION).status()).isEqualTo(PhaseStatus.RUNNING);
        assertThat(state.failureReason()).isNull();
        assertThat(state.watch().checkedAt()).isEqualTo(at(10));
        assertThat(state.watch().latest().get(0).passed()).isFalse();
        assertThat(state.watch().database().connectionLimit()).isEqualTo(20);
    }

    @Test
    void aRoundWhereEveryProbePassedUpdatesTheWatchButNotTheTimeline() {
        RunState before = fold(cutOver());

        RunState state = fold(plus(cutOver(), check(10, true, 12.0), check(40, true, 14.0), check(70, false, 900.0)));

        assertThat(state.watch().checkedAt()).isEqualTo(at(70));
        assertThat(state.timeline()).hasSize(before.timeline().size() + 1);
        assertThat(state.timeline().get(state.timeline().size() - 1).type())
                .isEqualTo(io.jsonmig.events.EventType.STABILIZATION_CHECKED);
    }

    @Test
    void theLatestCheckByOccurrenceWinsWhateverTheArrivalOrder() {
        List<EventEnvelope> events = plus(cutOver(), check(10, true, 10.0), check(40, false, 40.0),
                check(70, true, 70.0), event(stabilizationBaselined(), at(3)));
        RunState inOrder = fold(events);
        List<EventEnvelope> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(18));

        RunState outOfOrder = fold(shuffled);

        assertThat(inOrder.watch().checkedAt()).isEqualTo(at(70));
        assertThat(inOrder.watch().latest().get(0).latencyMillis()).isEqualTo(70.0);
        assertThat(outOfOrder.watch()).isEqualTo(inOrder.watch());
        assertThat(outOfOrder.status()).isEqualTo(RunStatus.STABILIZING);
    }

    @Test
    void anOlderCheckArrivingLateChangesNothingAndADuplicateIsTheSameState() {
        RunState latest = fold(plus(cutOver(), check(70, true, 70.0)));

        RunState late = RunStateMachine.apply(latest, check(40, false, 40.0));
        RunState duplicate = RunStateMachine.apply(latest, check(70, true, 70.0));

        assertThat(late.watch()).isEqualTo(latest.watch());
        assertThat(duplicate).isSameAs(latest);
    }

    @Test
    void aLaterBaselineReplacesAnEarlierOneAndNotTheOtherWayRound() {
        StabilizationBaselined second = new StabilizationBaselined(List.of(
                ProbeBaseline.measured("app-health", 50, 0.0, 5.0, 9.0, 12.0)));
        EventEnvelope early = event("first", stabilizationBaselined(), at(2));
        EventEnvelope later = event("second", second, at(3));

        RunState forward = fold(plus(cutOver(), early, later));
        RunState backward = fold(plus(cutOver(), later, early));

        assertThat(forward.watch().baseline()).isEqualTo(second.probes());
        assertThat(backward.watch()).isEqualTo(forward.watch());
    }

    @Test
    void aRetryStartsWithoutTheOlderAttemptsProbes() {
        RunState checked = fold(plus(cutOver(), event(stabilizationBaselined(), at(3)), check(10, false, 9.0)));

        RunState retried = RunStateMachine.apply(checked, event(MIGRATION_ID, 2, "",
                io.jsonmig.events.TestEvents.retryRequested(io.jsonmig.events.Phase.STABILIZATION), at(20)));
        RunState lateOld = RunStateMachine.apply(retried, check(15, true, 9.0));

        assertThat(retried.watch()).isNull();
        assertThat(lateOld.watch()).isNull();
    }

    @Test
    void theWatchSurvivesTheStoredJsonForm() throws Exception {
        RunState state = fold(plus(cutOver(), event(stabilizationBaselined(), at(3)), check(10, false, 9.0)));

        byte[] json = io.jsonmig.events.serde.EventJson.mapper().writeValueAsBytes(state);
        RunState read = io.jsonmig.events.serde.EventJson.mapper().readValue(json, RunState.class);

        assertThat(read.watch()).isEqualTo(state.watch());
    }
}
