package io.jsonmig.verification.stabilization;

import com.sun.net.httpserver.HttpServer;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.BaselineSettings;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.RollbackOn;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.StabilizationAlert;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.payload.StabilizationMode;
import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch of the stabilization window on real parts: an "application" (a JDK HttpServer on 127.0.0.1 whose
 * answers each test switches), the real broker, real PostgreSQL. Each run takes its baseline from its
 * migration.requested, is watched from its cut-over, and is judged every second (the shortest interval a run
 * may ask for).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(WatchRoleResource.class)
class StabilizationWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    /** How each endpoint of the application answers now: /app/{name}. */
    private static final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private static HttpServer application;

    @Inject
    JobStore jobs;

    private record Behaviour(int status, long delayMillis) {
    }

    @BeforeAll
    static void start() throws IOException {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        application.createContext("/app/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/app/".length());
            Behaviour behaviour = behaviours.getOrDefault(name, new Behaviour(404, 0));
            try {
                Thread.sleep(behaviour.delayMillis()); // the application's own latency, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"status\":\"" + (behaviour.status() == 200 ? "up" : "down") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(behaviour.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        application.start();
    }

    @AfterAll
    static void stop() {
        application.stop(0);
    }

    private static String url(String name) {
        return "http://127.0.0.1:" + application.getAddress().getPort() + "/app/" + name;
    }

    private static SmokeCheck endpoint(String name) {
        return SmokeCheck.http(name, url(name), 200).withHttp("GET", "\"up\"", Duration.ofSeconds(5));
    }

    private static RunSpec spec(String profile, List<SmokeCheck> probes, RollbackOn rollbackOn, StabilizationMode mode) {
        return spec(profile, probes, rollbackOn, mode, 12);
    }

    private static RunSpec spec(String profile, List<SmokeCheck> probes, RollbackOn rollbackOn, StabilizationMode mode,
                                int samples) {
        return new RunSpec("/srv/app/data", "/srv/app/schema", null, profile, "stabilization-watch-test")
                .withStabilization(new Stabilization(Duration.ofHours(1), probes, INTERVAL, new BaselineSettings(samples),
                        rollbackOn, mode));
    }

    /** migration.requested, then the baseline; returns the run's id. */
    private static String requestAndBaseline(RunSpec spec, int urlProbes) {
        String id = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(id, 1, "cli", "", new MigrationRequested(spec), Instant.now()));
        if (urlProbes > 0) {
            StabilizationBaselined baselined = probe.await(id, EventType.STABILIZATION_BASELINED, TIMEOUT)
                    .payloadAs(StabilizationBaselined.class);
            assertThat(baselined.probes()).hasSize(urlProbes);
        }
        return id;
    }

    private static void cutOver(String id, RunSpec spec) {
        probe.publish(EventEnvelope.of(id, 1, "backup-service", "", new CutoverReady(spec.targetProfile(),
                List.of("blog.users", "blog.posts"), "switch to PostgreSQL", spec.stabilization()), Instant.now()));
    }

    private static void finalize(String id) {
        probe.publish(EventEnvelope.of(id, 1, "cli", "", new RunFinalized(Finalization.OPERATOR, "tester", "done"),
                Instant.now()));
    }

    private static List<StabilizationChecked> checks(String id) {
        return probe.eventsOf(id).stream().filter(e -> e.type() == EventType.STABILIZATION_CHECKED)
                .map(e -> e.payloadAs(StabilizationChecked.class)).toList();
    }

    private static boolean rolledBack(String id) {
        return probe.eventsOf(id).stream().anyMatch(e -> e.type() == EventType.ROLLBACK_REQUESTED);
    }

    private void awaitWatchEnded(String id) {
        Awaitility.await().atMost(TIMEOUT).until(() -> jobs.forMigration(id).stream()
                .filter(j -> j.handler.equals(ApplicationWatch.JOB)).allMatch(j -> j.status.finished()));
    }

    @Test
    void aHealthyWindowIsCheckedEveryIntervalAgainstItsBaselineAndEndsAtRunFinalizedWithoutARollback() {
        behaviours.put("healthy", new Behaviour(200, 20));
        RunSpec spec = spec("test", List.of(endpoint("healthy"),
                SmokeCheck.sql("catalog", "SELECT count(*) > 0 FROM pg_catalog.pg_class", "t")), null, null);
        String id = requestAndBaseline(spec, 1);

        ProbeBaseline baseline = probe.await(id, EventType.STABILIZATION_BASELINED, TIMEOUT)
                .payloadAs(StabilizationBaselined.class).probes().get(0);
        assertThat(baseline.hasBaseline()).isTrue();
        assertThat(baseline.samples()).isEqualTo(12);
        assertThat(baseline.errorRate()).isZero();
        assertThat(baseline.p50Millis()).isGreaterThanOrEqualTo(20.0);
        assertThat(baseline.p95Millis()).isGreaterThanOrEqualTo(baseline.p50Millis());
        assertThat(baseline.p99Millis()).isGreaterThanOrEqualTo(baseline.p95Millis());

        cutOver(id, spec);
        List<EventEnvelope> rounds = probe.awaitCount(id, EventType.STABILIZATION_CHECKED, 3, TIMEOUT);
        for (EventEnvelope round : rounds) {
            StabilizationChecked checked = round.payloadAs(StabilizationChecked.class);
            assertThat(checked.probes()).extracting(p -> p.probe() + "=" + p.passed())
                    .containsExactly("healthy=true", "catalog=true");
            assertThat(checked.probes().get(0).latencyMillis()).isGreaterThanOrEqualTo(20.0);
            DatabaseHealth health = checked.database();
            assertThat(health).isNotNull();
            assertThat(health.maxConnections()).isPositive();
            assertThat(health.connectionsInUse()).isPositive();
            assertThat(checked.alerts()).isEmpty();
        }
        assertThat(rounds.get(2).occurredAt()).as("a round per interval, none made up in a burst")
                .isAfterOrEqualTo(rounds.get(0).occurredAt().plus(INTERVAL));
        assertThat(rounds.get(2).payloadAs(StabilizationChecked.class).database().rollbacksPerMinute())
                .as("the watch's own read-only transactions are no rollbacks of the application").isZero();

        finalize(id);
        awaitWatchEnded(id);
        int roundsAtTheEnd = checks(id).size();
        assertThat(jobs.forMigration(id)).filteredOn(j -> j.handler.equals(ApplicationWatch.JOB))
                .allMatch(j -> j.status == PhaseJob.Status.DONE || j.status == PhaseJob.Status.CANCELLED);
        assertThat(rolledBack(id)).isFalse();
        assertThat(roundsAtTheEnd).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anEndpointAnswering500RollsBackForFunctionalityWithinNIntervals() {
        behaviours.put("breaks", new Behaviour(200, 0));
        RollbackOn twoInARow = new RollbackOn(2, null, null, null, null);
        RunSpec spec = spec("test", List.of(endpoint("breaks")), twoInARow, null);
        String id = requestAndBaseline(spec, 1);
        cutOver(id, spec);
        probe.awaitCount(id, EventType.STABILIZATION_CHECKED, 1, TIMEOUT);

        behaviours.put("breaks", new Behaviour(500, 0));
        Instant broke = Instant.now();
        EventEnvelope rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT);

        RollbackRequested requested = rollback.payloadAs(RollbackRequested.class);
        assertThat(requested.trigger()).isEqualTo(RollbackTrigger.FUNCTIONALITY);
        assertThat(requested.afterCutover()).isTrue();
        assertThat(requested.spec()).isEqualTo(spec);
        assertThat(requested.reason()).contains("probe breaks failed 2 time(s) in a row (rollbackOn.failuresInARow 2)")
                .contains("answered 500, expected 200");
        Duration took = Duration.between(broke, rollback.occurredAt());
        System.out.println("FUNCTIONALITY rollback " + took.toMillis() + " ms after the endpoint broke");
        // two failing rounds an interval apart, each up to a worker's poll late
        assertThat(took).isLessThanOrEqualTo(INTERVAL.multipliedBy(2).plus(Duration.ofSeconds(3)));
        awaitWatchEnded(id);
    }

    @Test
    void fiveTimesTheLatencyRollsBackForPerformanceNamingTheP95BeforeAndAfter() {
        behaviours.put("slows", new Behaviour(200, 40));
        RollbackOn p95 = new RollbackOn(null, 2.0, Duration.ofSeconds(3), null, null);
        RunSpec spec = spec("test", List.of(endpoint("slows")), p95, null, 40);
        String id = requestAndBaseline(spec, 1);
        ProbeBaseline baseline = probe.await(id, EventType.STABILIZATION_BASELINED, TIMEOUT)
                .payloadAs(StabilizationBaselined.class).probes().get(0);
        cutOver(id, spec);
        probe.awaitCount(id, EventType.STABILIZATION_CHECKED, 2, TIMEOUT);
        assertThat(rolledBack(id)).as("the latency of the baseline rolls nothing back").isFalse();

        // five times what the application took before the cut-over, as measured
        behaviours.put("slows", new Behaviour(200, (long) Math.ceil(5 * baseline.p95Millis())));
        RollbackRequested requested = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);

        assertThat(requested.trigger()).isEqualTo(RollbackTrigger.PERFORMANCE);
        assertThat(requested.reason()).contains("probe slows: p95 ").contains(String.format(java.util.Locale.ROOT,
                "ms over the last 3s against %.1f ms before the cut-over", baseline.p95Millis()))
                .contains("above rollbackOn.p95Factor 2.0×");
        System.out.println("PERFORMANCE rollback: " + requested.reason());
        awaitWatchEnded(id);
    }

    @Test
    void inAlertModeATriggerAlertsTheOperatorsOnceAndNothingRollsBack() {
        behaviours.put("alerts", new Behaviour(200, 0));
        RunSpec spec = spec("test", List.of(endpoint("alerts")), new RollbackOn(2, null, null, null, null),
                StabilizationMode.ALERT);
        String id = requestAndBaseline(spec, 1);
        cutOver(id, spec);
        probe.awaitCount(id, EventType.STABILIZATION_CHECKED, 1, TIMEOUT);

        behaviours.put("alerts", new Behaviour(500, 0));
        EventEnvelope alerted = probe.awaitMatching(id, e -> e.type() == EventType.STABILIZATION_CHECKED
                && !e.payloadAs(StabilizationChecked.class).alerts().isEmpty(), "a check with an alert", TIMEOUT);
        StabilizationAlert alert = alerted.payloadAs(StabilizationChecked.class).alerts().get(0);
        assertThat(alert.trigger()).isEqualTo(RollbackTrigger.FUNCTIONALITY);
        assertThat(alert.reason()).contains("probe alerts failed 2 time(s) in a row");

        int seen = checks(id).size();
        probe.awaitCount(id, EventType.STABILIZATION_CHECKED, seen + 3, TIMEOUT);
        assertThat(rolledBack(id)).isFalse();
        List<StabilizationAlert> told = new ArrayList<>();
        checks(id).forEach(c -> told.addAll(c.alerts()));
        assertThat(told).as("told once, though it still fails").hasSize(1);
        finalize(id);
        awaitWatchEnded(id);
    }

    @Test
    void theConnectionCheckCountsTheRolesConnectionsAgainstItsLimit() throws Exception {
        RunSpec spec = spec(WatchRoleResource.PROFILE, List.of(SmokeCheck.sql("one", "SELECT 1", "1")),
                new RollbackOn(null, null, null, null, 0.5), null);
        String id = requestAndBaseline(spec, 0);
        cutOver(id, spec);
        DatabaseHealth alone = probe.awaitCount(id, EventType.STABILIZATION_CHECKED, 1, TIMEOUT).get(0)
                .payloadAs(StabilizationChecked.class).database();
        assertThat(alone.roleConnectionLimit()).isEqualTo(WatchRoleResource.LIMIT);
        assertThat(alone.connectionsInUse()).as("only the watch's own connection").isEqualTo(1);

        List<Connection> pool = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                pool.add(WatchRoleResource.connectAsTheRole());
            }
            EventEnvelope busy = probe.awaitMatching(id, e -> e.type() == EventType.STABILIZATION_CHECKED
                    && e.payloadAs(StabilizationChecked.class).database() != null
                    && e.payloadAs(StabilizationChecked.class).database().connectionsInUse() == 4,
                    "a check counting the pool's three connections", TIMEOUT);
            StabilizationChecked checked = busy.payloadAs(StabilizationChecked.class);
            assertThat(checked.alerts()).extracting(StabilizationAlert::reason).containsExactly(
                    "connections: 4 in use of a limit of 6 (the role's rolconnlimit), above "
                            + "rollbackOn.connectionsShare 50 %");
            assertThat(checked.alerts().get(0).trigger()).isNull();
        } finally {
            for (Connection c : pool) {
                c.close();
            }
        }
        assertThat(rolledBack(id)).as("connections alert, never roll back").isFalse();
        finalize(id);
        awaitWatchEnded(id);
    }
}
