package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.RollbackOn;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.StabilizationChecked;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggersTest {

    private static final SmokeCheck HOME = SmokeCheck.http("home", "http://app.example/", 200);
    private static final SmokeCheck POSTS = SmokeCheck.sql("posts", "SELECT count(*) FROM posts", "120");
    private static final Map<String, ProbeBaseline> BASELINE =
            Map.of("home", ProbeBaseline.measured("home", 50, 0, 20, 40, 45));
    private static final RollbackOn DEFAULTS = RollbackOn.DEFAULTS;
    private static final Instant CUTOVER = Instant.parse("2026-12-08T00:00:00Z");

    /** One round every 30 s, each with the given results. */
    private static List<Round> rounds(List<List<ProbeResult>> results) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rounds.add(new Round(i, CUTOVER.plusSeconds(30L * i), new StabilizationChecked(results.get(i), null)));
        }
        return rounds;
    }

    private static List<List<ProbeResult>> repeat(int times, ProbeResult... results) {
        List<List<ProbeResult>> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(List.of(results));
        }
        return out;
    }

    private static ProbeResult ok(String probe, double millis) {
        return new ProbeResult(probe, true, millis, null);
    }

    private static ProbeResult failed(String probe) {
        return new ProbeResult(probe, false, 3.0, "GET http://app.example/ answered 500, expected 200");
    }

    @Test
    void aHealthyWindowFindsNothing() {
        assertThat(Triggers.evaluate(List.of(HOME, POSTS), BASELINE, DEFAULTS,
                rounds(repeat(20, ok("home", 30), ok("posts", 2))))).isEmpty();
    }

    @Test
    void failuresInARowAreFunctionalityForAUrlAndIntegrityForSql() {
        List<List<ProbeResult>> results = repeat(5, ok("home", 30), ok("posts", 2));
        results.addAll(repeat(3, failed("home"), new ProbeResult("posts", false, 2.0, "expected 120, the query returned 119")));

        List<Finding> findings = Triggers.evaluate(List.of(HOME, POSTS), BASELINE, DEFAULTS, rounds(results));

        assertThat(findings).extracting(Finding::trigger)
                .containsExactly(RollbackTrigger.FUNCTIONALITY, RollbackTrigger.INTEGRITY);
        assertThat(findings.get(0).reason()).isEqualTo("probe home failed 3 time(s) in a row "
                + "(rollbackOn.failuresInARow 3): GET http://app.example/ answered 500, expected 200");
        assertThat(findings.get(1).reason()).contains("probe posts failed 3 time(s) in a row")
                .endsWith("expected 120, the query returned 119");
    }

    @Test
    void twoFailuresInARowAreNotThree() {
        List<List<ProbeResult>> results = repeat(5, ok("home", 30));
        results.addAll(repeat(2, failed("home")));

        assertThat(Triggers.evaluate(List.of(HOME), BASELINE, DEFAULTS, rounds(results))).isEmpty();
    }

    @Test
    void anErrorRateAboveTheBoundOverTheSpanIsFunctionality() {
        List<List<ProbeResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(List.of(i % 4 == 0 ? failed("home") : ok("home", 30)));
        }

        List<Finding> findings = Triggers.evaluate(List.of(HOME), BASELINE, DEFAULTS, rounds(results));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.trigger()).isEqualTo(RollbackTrigger.FUNCTIONALITY);
            assertThat(f.reason()).isEqualTo("probe home failed 3 of 10 calls over the last 5m (30.0 %, above "
                    + "rollbackOn.errorRate 5.0 %)");
        });
    }

    @Test
    void oneFailureAmongTenIsNotAnErrorRate() {
        List<List<ProbeResult>> results = repeat(9, ok("home", 30));
        results.add(0, List.of(failed("home")));

        assertThat(Triggers.evaluate(List.of(HOME), BASELINE, DEFAULTS, rounds(results))).isEmpty();
    }

    @Test
    void aP95AboveTheFactorTimesTheBaselineIsPerformanceNamingBoth() {
        List<List<ProbeResult>> results = repeat(20, ok("home", 30));
        results.addAll(repeat(10, ok("home", 200)));

        List<Finding> findings = Triggers.evaluate(List.of(HOME), BASELINE, DEFAULTS, rounds(results));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.trigger()).isEqualTo(RollbackTrigger.PERFORMANCE);
            assertThat(f.reason()).isEqualTo("probe home: p95 200.0 ms over the last 5m against 40.0 ms before the "
                    + "cut-over (5.0×, above rollbackOn.p95Factor 2.0×)");
        });
    }

    @Test
    void onlyTheSpanCountsForTheP95AndAProbeWithoutABaselineIsNotJudged() {
        List<List<ProbeResult>> results = repeat(10, ok("home", 200));
        results.addAll(repeat(11, ok("home", 30))); // the slow calls are more than 5 minutes old

        assertThat(Triggers.evaluate(List.of(HOME), BASELINE, DEFAULTS, rounds(results))).isEmpty();
        assertThat(Triggers.evaluate(List.of(HOME), Map.of("home", ProbeBaseline.none("home", 3, "unreachable: x")),
                DEFAULTS, rounds(repeat(10, ok("home", 200))))).isEmpty();
    }

    @Test
    void aSlowdownOfAFewMillisecondsIsNoise() {
        Map<String, ProbeBaseline> fast = Map.of("home", ProbeBaseline.measured("home", 50, 0, 1, 1, 1));

        assertThat(Triggers.evaluate(List.of(HOME), fast, DEFAULTS, rounds(repeat(10, ok("home", 5))))).isEmpty();
    }

    @Test
    void connectionsAboveTheShareOfTheLowerLimitAreAnAlertOnly() {
        List<Round> rounds = List.of(new Round(0, CUTOVER, new StabilizationChecked(List.of(),
                new DatabaseHealth(19, 100, 20, 0, 0, null))));

        List<Finding> findings = Triggers.evaluate(List.of(), Map.of(), DEFAULTS, rounds);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rollsBack()).isFalse();
            assertThat(f.reason()).isEqualTo("connections: 19 in use of a limit of 20 (the role's rolconnlimit), "
                    + "above rollbackOn.connectionsShare 90 %");
        });
        assertThat(Triggers.evaluate(List.of(), Map.of(), DEFAULTS, List.of(new Round(0, CUTOVER,
                new StabilizationChecked(List.of(), new DatabaseHealth(18, 100, 20, 0, 0, null)))))).isEmpty();
    }

    @Test
    void theThresholdsOfTheRunAreTheOnesApplied() {
        RollbackOn strict = new RollbackOn(1, 1.5, Duration.ofMinutes(1), 0.5, 0.5);

        assertThat(Triggers.evaluate(List.of(HOME), BASELINE, strict, rounds(List.of(List.of(failed("home"))))))
                .extracting(Finding::reason).singleElement().asString()
                .startsWith("probe home failed 1 time(s) in a row (rollbackOn.failuresInARow 1)");
    }

    @Test
    void percentilesAreByNearestRank() {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i);
        }
        assertThat(Latencies.percentile(millis, 50)).isEqualTo(50.0);
        assertThat(Latencies.percentile(millis, 95)).isEqualTo(95.0);
        assertThat(Latencies.percentile(millis, 99)).isEqualTo(99.0);
        assertThat(Latencies.percentile(List.of(7.0), 95)).isEqualTo(7.0);
    }

    @Test
    void aBaselineWithoutAnsweredCallsSaysWhyAndHasNoFigures() {
        ProbeBaseline unreachable = BaselineSampler.baselineOf("home", List.of(
                new ProbeResult("home", false, null, "GET http://app.example/ failed: ConnectException"),
                new ProbeResult("home", false, null, "GET http://app.example/ failed: ConnectException")));
        ProbeBaseline measured = BaselineSampler.baselineOf("home", List.of(ok("home", 10), ok("home", 20),
                failed("home"), ok("home", 30)));

        assertThat(unreachable.hasBaseline()).isFalse();
        assertThat(unreachable.noBaseline()).isEqualTo("unreachable: GET http://app.example/ failed: ConnectException");
        assertThat(unreachable.p95Millis()).isNull();
        assertThat(measured.errorRate()).isEqualTo(0.25);
        assertThat(measured.p50Millis()).isEqualTo(20.0);
        assertThat(measured.p95Millis()).isEqualTo(30.0);
    }
}
