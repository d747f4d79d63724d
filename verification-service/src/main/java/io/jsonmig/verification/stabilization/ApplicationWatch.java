package io.jsonmig.verification.stabilization;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.StabilizationAlert;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.payload.StabilizationMode;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.job.PhaseJobs;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReason;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The watch of the stabilization window, from {@code cutover.ready} until {@code run.finalized}, the window's
 * end or a rollback. Each round is a durable job of its own, due at {@code cutoverAt + n × interval}: it runs
 * every probe ({@link Probes}), reads the target's health ({@link DatabaseHealthReader}), keeps the round
 * ({@link WatchStore}) and tells it ({@code stabilization.checked}), judges the rounds so far against the baseline
 * ({@link Triggers}) and records the next round. So a restart of the service resumes the watch at its next
 * round, and the watch holds a job worker only while a round runs.
 *
 * <p>A trigger that fires in mode {@code rollback} sends {@code rollback.requested} (after the cut-over), its
 * reason naming the probe, the figures and the threshold, and the watch ends; in mode {@code alert} the round
 * carries it as an alert for the operators, once, and the watch goes on. Connections near their limit are an
 * alert in either mode.
 */
@ApplicationScoped
public class ApplicationWatch implements JobHandler {

    public static final String JOB = "stabilization-watch";
    /** The step of the rollback a trigger sends: one per attempt, whichever trigger fired first. */
    static final String ROLLBACK_STEP = "stabilization-watch";

    private final RunSpecs specs;
    private final TargetProfiles targets;
    private final Probes probes;
    private final DatabaseHealthReader health;
    private final WatchStore store;
    private final WatchEnd ends;
    private final PhaseJobs jobs;
    private final EventPublisher publisher;
    private final Clock clock;

    public ApplicationWatch(RunSpecs specs, TargetProfiles targets, Probes probes, DatabaseHealthReader health,
                            WatchStore store, WatchEnd ends, PhaseJobs jobs, EventPublisher publisher, Clock clock) {
        this.specs = specs;
        this.targets = targets;
        this.probes = probes;
        this.health = health;
        this.store = store;
        this.ends = ends;
        this.jobs = jobs;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** Whether a cut-over opens a window to watch. */
    public static boolean watches(CutoverReady cutover) {
        return cutover.stabilization() == null || cutover.stabilization().hasWindow();
    }

    /**
     * One round.
     *
     * @param cutover the run's {@code cutover.ready}, or for a later round a copy of it under that round's id
     */
    @Override
    public void run(EventEnvelope cutover, Cancellation cancellation) {
        String id = cutover.migrationId();
        int attempt = cutover.attempt();
        CutoverReady ready = cutover.payloadAs(CutoverReady.class);
        Optional<RunSpec> spec = specs.of(id, attempt);
        Stabilization stabilization = ready.stabilization() != null ? ready.stabilization()
                : spec.map(RunSpec::effectiveStabilization).orElse(Stabilization.NONE);
        Instant now = Instant.now(clock);
        Instant cutoverAt = cutover.occurredAt();
        if (!stabilization.hasWindow() || spec.map(RunSpec::dryRun).orElse(false)) {
            return;
        }
        if (ends.ended(id) || !now.isBefore(stabilization.endsAt(cutoverAt))) {
            Log.infof("[%s] the stabilization window is over: the watch ends", id);
            return;
        }
        Duration interval = stabilization.interval();
        long round = Math.max(0, Duration.between(cutoverAt, now).toMillis() / interval.toMillis());
        List<SmokeCheck> watched = stabilization.effectiveProbes(spec.map(RunSpec::smokeChecks).orElse(List.of()));
        TargetDatabase target = spec.map(s -> targets.resolve(s, id)).orElseGet(() -> targets.resolve(ready.targetProfile()));

        List<ProbeResult> results = new ArrayList<>();
        for (SmokeCheck probe : watched) {
            cancellation.check();
            results.add(probes.run(probe, target));
        }
        cancellation.check();
        DatabaseHealth database = null;
        WatchStore.Counters counters = null;
        try {
            DatabaseHealthReader.Reading reading = health.read(target, ready.tables() == null ? List.of() : ready.tables(),
                    store.countersBefore(id, attempt, round).orElse(null), now);
            database = reading.health();
            counters = reading.counters();
        } catch (java.sql.SQLException | RuntimeException e) {
            Log.warnf("[%s] cannot read the target's health in round %d: %s", id, round, FailureReason.of(e));
        }

        Duration kept = stabilization.rollbackOn().over()
                .compareTo(interval.multipliedBy(stabilization.rollbackOn().failuresInARow() + 2L)) > 0
                ? stabilization.rollbackOn().over() : interval.multipliedBy(stabilization.rollbackOn().failuresInARow() + 2L);
        List<Round> before = store.rounds(id, attempt, now.minus(kept)).stream().filter(r -> r.number() < round).toList();
        List<Round> withThis = new ArrayList<>(before);
        withThis.add(new Round(round, now, new StabilizationChecked(results, database)));
        Map<String, ProbeBaseline> baselines = store.baselines(id);
        List<Finding> findings = Triggers.evaluate(watched, baselines, stabilization.rollbackOn(), withThis);
        Set<String> seenBefore = Triggers.evaluate(watched, baselines, stabilization.rollbackOn(), before).stream()
                .map(Finding::key).collect(Collectors.toSet());
        boolean alertMode = stabilization.mode() == StabilizationMode.ALERT;
        List<StabilizationAlert> alerts = findings.stream()
                .filter(f -> !seenBefore.contains(f.key()) && (!f.rollsBack() || alertMode))
                .map(f -> new StabilizationAlert(f.trigger(), f.reason())).toList();
        StabilizationChecked checked = new StabilizationChecked(results, database, alerts);

        cancellation.checkNow();
        store.keepRound(id, attempt, new Round(round, now, checked), counters);
        publisher.publish(cutover, "round/" + round, checked);
        List<Finding> rollbacks = findings.stream().filter(Finding::rollsBack).toList();
        if (!alertMode && !rollbacks.isEmpty()) {
            cancellation.checkNow();
            String reason = "the stabilization watch: " + rollbacks.stream().map(Finding::reason)
                    .collect(Collectors.joining("; "));
            Log.warnf("[%s] %s", id, reason);
            publisher.publish(cutover, ROLLBACK_STEP, RollbackRequested.afterCutover(rollbacks.get(0).trigger(), reason,
                    spec.orElse(null)));
            return;
        }
        scheduleNext(cutover, stabilization, round, now);
    }

    private void scheduleNext(EventEnvelope cutover, Stabilization stabilization, long round, Instant now) {
        Instant cutoverAt = cutover.occurredAt();
        Duration interval = stabilization.interval();
        // A round late by more than an interval (the service was down) is not made up for: the next is the next due.
        long next = Math.max(round + 1, Duration.between(cutoverAt, now).toMillis() / interval.toMillis() + 1);
        Instant due = cutoverAt.plus(interval.multipliedBy(next));
        if (!due.isBefore(stabilization.endsAt(cutoverAt)) || ends.ended(cutover.migrationId())) {
            return;
        }
        EventEnvelope nextRound = new EventEnvelope(EventEnvelope.deterministicId(cutover.migrationId(),
                EventType.CUTOVER_READY, cutover.attempt(), JOB + "/round/" + next), cutover.migrationId(),
                EventType.CUTOVER_READY, cutoverAt, cutover.attempt(), cutover.producer(), cutover.payload());
        try {
            jobs.submitAt(nextRound, JOB, due);
        } catch (RuntimeException e) {
            throw JobInterruption.runAgainLater("cannot record round " + next + " of the watch: " + FailureReason.of(e), e);
        }
    }

    /** The watch cannot go on (an error, a service that died under a round): operators are told, once. */
    @Override
    public void abandoned(EventEnvelope cutover, String reason) {
        publisher.publish(cutover, "abandoned", new StabilizationChecked(List.of(), null, List.of(new StabilizationAlert(
                null, "the stabilization watch stopped and no longer watches the application: " + reason))));
    }
}
