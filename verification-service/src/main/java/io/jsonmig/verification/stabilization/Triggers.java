package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.RollbackOn;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SmokeCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stabilization window's triggers ({@link RollbackOn}), judged on the rounds of the watch so far, the
 * latest last:
 * <ul>
 *   <li>a url probe failing {@code failuresInARow} rounds in a row → FUNCTIONALITY; a SQL probe → INTEGRITY
 *       (its query checks the data);</li>
 *   <li>a url probe's share of failed calls over the last {@code over} above {@code errorRate} → FUNCTIONALITY,
 *       once that span holds at least {@value #MIN_CALLS_FOR_RATE} calls, {@value #MIN_FAILURES_FOR_RATE} of
 *       them failed (a single failure is the in-a-row rule's to judge);</li>
 *   <li>the p95 latency of a url probe's passed calls over the last {@code over} above {@code p95Factor} times
 *       its baseline's p95 → PERFORMANCE, once the span holds {@value #MIN_LATENCIES} latencies and the p95
 *       is also at least {@value #MIN_SLOWDOWN_MILLIS} ms above the baseline's (a 1 ms health check taking
 *       3 ms is noise, not a degradation);</li>
 *   <li>connections in use above {@code connectionsShare} of their limit → an alert only.</li>
 * </ul>
 * Pure: the watch keeps the rounds, this only reads them.
 */
final class Triggers {

    static final int MIN_CALLS_FOR_RATE = 10;
    static final int MIN_FAILURES_FOR_RATE = 2;
    static final int MIN_LATENCIES = 3;
    static final double MIN_SLOWDOWN_MILLIS = 10.0;

    private Triggers() {
    }

    static List<Finding> evaluate(List<SmokeCheck> probes, Map<String, ProbeBaseline> baselines, RollbackOn rollbackOn,
                                  List<Round> rounds) {
        List<Finding> findings = new ArrayList<>();
        if (rounds.isEmpty()) {
            return findings;
        }
        Instant now = rounds.get(rounds.size() - 1).at();
        Instant spanStart = now.minus(rollbackOn.over());
        for (SmokeCheck probe : probes) {
            List<ProbeResult> results = resultsOf(probe.name(), rounds, Instant.MIN);
            inARow(probe, results, rollbackOn).ifPresent(findings::add);
            if (!probe.isSql()) {
                List<ProbeResult> inSpan = resultsOf(probe.name(), rounds, spanStart);
                errorRate(probe, inSpan, rollbackOn).ifPresent(findings::add);
                ProbeBaseline baseline = baselines.get(probe.name());
                if (baseline != null && baseline.hasBaseline()) {
                    slowdown(probe, inSpan, baseline, rollbackOn).ifPresent(findings::add);
                }
            }
        }
        connections(rounds.get(rounds.size() - 1).checked().database(), rollbackOn).ifPresent(findings::add);
        return findings;
    }

    private static List<ProbeResult> resultsOf(String probe, List<Round> rounds, Instant notBefore) {
        List<ProbeResult> results = new ArrayList<>();
        for (Round round : rounds) {
            if (round.at().isBefore(notBefore)) {
                continue;
            }
            round.checked().probes().stream().filter(r -> r.probe().equals(probe)).forEach(results::add);
        }
        return results;
    }

    private static Optional<Finding> inARow(SmokeCheck probe, List<ProbeResult> results, RollbackOn rollbackOn) {
        int n = rollbackOn.failuresInARow();
        if (results.size() < n || results.subList(results.size() - n, results.size()).stream()
                .anyMatch(ProbeResult::passed)) {
            return Optional.empty();
        }
        ProbeResult last = results.get(results.size() - 1);
        RollbackTrigger trigger = probe.isSql() ? RollbackTrigger.INTEGRITY : RollbackTrigger.FUNCTIONALITY;
        return Optional.of(new Finding(trigger, "in-a-row/" + probe.name(), "probe " + probe.name() + " failed " + n
                + " time(s) in a row (rollbackOn.failuresInARow " + n + ")"
                + (last.detail() == null ? "" : ": " + last.detail())));
    }

    private static Optional<Finding> errorRate(SmokeCheck probe, List<ProbeResult> inSpan, RollbackOn rollbackOn) {
        long failed = inSpan.stream().filter(r -> !r.passed()).count();
        if (inSpan.size() < MIN_CALLS_FOR_RATE || failed < MIN_FAILURES_FOR_RATE) {
            return Optional.empty();
        }
        double rate = (double) failed / inSpan.size();
        if (rate <= rollbackOn.errorRate()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(RollbackTrigger.FUNCTIONALITY, "error-rate/" + probe.name(), String.format(
                Locale.ROOT, "probe %s failed %d of %d calls over the last %s (%.1f %%, above rollbackOn.errorRate "
                        + "%.1f %%)", probe.name(), failed, inSpan.size(), human(rollbackOn.over()), rate * 100,
                rollbackOn.errorRate() * 100)));
    }

    private static Optional<Finding> slowdown(SmokeCheck probe, List<ProbeResult> inSpan, ProbeBaseline baseline,
                                              RollbackOn rollbackOn) {
        List<Double> latencies = inSpan.stream().filter(ProbeResult::passed).map(ProbeResult::latencyMillis)
                .filter(java.util.Objects::nonNull).toList();
        if (latencies.size() < MIN_LATENCIES) {
            return Optional.empty();
        }
        double p95 = Latencies.percentile(latencies, 95);
        double before = baseline.p95Millis();
        if (p95 <= rollbackOn.p95Factor() * before || p95 - before < MIN_SLOWDOWN_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(new Finding(RollbackTrigger.PERFORMANCE, "p95/" + probe.name(), String.format(Locale.ROOT,
                "probe %s: p95 %.1f ms over the last %s against %.1f ms before the cut-over (%.1f×, above "
                        + "rollbackOn.p95Factor %.1f×)", probe.name(), p95, human(rollbackOn.over()), before,
                before > 0 ? p95 / before : Double.POSITIVE_INFINITY, rollbackOn.p95Factor())));
    }

    private static Optional<Finding> connections(DatabaseHealth health, RollbackOn rollbackOn) {
        if (health == null) {
            return Optional.empty();
        }
        int limit = health.connectionLimit();
        if (health.connectionsInUse() <= rollbackOn.connectionsShare() * limit) {
            return Optional.empty();
        }
        boolean roleLimit = health.roleConnectionLimit() != null && limit == health.roleConnectionLimit();
        return Optional.of(new Finding(null, "connections", String.format(Locale.ROOT,
                "connections: %d in use of a limit of %d (%s), above rollbackOn.connectionsShare %.0f %%",
                health.connectionsInUse(), limit, roleLimit ? "the role's rolconnlimit" : "max_connections",
                rollbackOn.connectionsShare() * 100)));
    }

    /** PT5M as "5m", PT30S as "30s": how the run file writes a span. */
    static String human(Duration span) {
        return span.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
