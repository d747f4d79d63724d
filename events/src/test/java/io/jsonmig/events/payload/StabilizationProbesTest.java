package io.jsonmig.events.payload;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.TestEvents;
import io.jsonmig.events.serde.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probes, baseline settings, thresholds and mode of a stabilization window, and their JSON. */
class StabilizationProbesTest {

    private static final SmokeCheck HEALTH = SmokeCheck.http("app-health", "http://app.internal:8080/health", 200)
            .withHttp("head", null, Duration.ofSeconds(2));
    private static final SmokeCheck USERS = SmokeCheck.sql("users-count", "select count(*) from users", "40");

    private static RunSpec roundTrip(RunSpec spec) {
        EventEnvelope event = EventEnvelope.of("mig-20261205-020000-abcd", 1, "jsonmig-cli", "",
                new MigrationRequested(spec), Instant.parse("2026-12-05T02:00:00Z"));
        return EventJson.fromBytes(EventJson.toBytes(event)).payloadAs(MigrationRequested.class).spec();
    }

    private static Stabilization readStabilization(String json) {
        String event = """
                {"eventId":"e1","migrationId":"mig-20261205-020000-abcd","type":"migration.requested",
                 "occurredAt":"2026-12-05T02:00:00Z","attempt":1,"producer":"jsonmig-cli",
                 "payload":{"spec":{"sourceDir":"/data","schemaDir":"/schema","targetProfile":"local",
                 "smokeChecks":[{"name":"home","url":"http://app.internal/"}],
                 "stabilization":%s}}}""".formatted(json);
        return EventJson.fromBytes(event.getBytes(StandardCharsets.UTF_8)).payloadAs(MigrationRequested.class)
                .spec().stabilization();
    }

    @Test
    void everySettingTravelsAndComesBackEqual() {
        Stabilization full = new Stabilization(Duration.ofHours(24), List.of(HEALTH, USERS), Duration.ofSeconds(10),
                new BaselineSettings(20), new RollbackOn(5, 3.0, Duration.ofMinutes(10), 0.2, 0.8),
                StabilizationMode.ALERT);
        RunSpec spec = TestEvents.spec().withStabilization(full);

        RunSpec back = roundTrip(spec);

        assertThat(back).isEqualTo(spec);
        assertThat(back.stabilization().probes().get(0).method()).isEqualTo("HEAD");
        assertThat(back.stabilization().probes().get(0).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new String(EventJson.toBytes(EventEnvelope.of("mig-20261205-020000-abcd", 1, "jsonmig-cli", "",
                new MigrationRequested(spec), Instant.parse("2026-12-05T02:00:00Z"))), StandardCharsets.UTF_8))
                .contains("\"interval\":\"PT10S\"", "\"over\":\"PT10M\"", "\"mode\":\"ALERT\"", "\"timeout\":\"PT2S\"");
    }

    @Test
    void aWindowOfAnEarlierVersionReadsWithEveryDefaultAndTheSmokeChecksAsProbes() {
        Stabilization old = readStabilization("{\"window\":\"PT72H\"}");

        assertThat(old).isEqualTo(Stabilization.of(Duration.ofHours(72)));
        assertThat(old.probes()).isNull();
        assertThat(old.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(old.baseline().samples()).isEqualTo(50);
        assertThat(old.rollbackOn()).isEqualTo(new RollbackOn(3, 2.0, Duration.ofMinutes(5), 0.05, 0.9));
        assertThat(old.mode()).isEqualTo(StabilizationMode.ROLLBACK);
        RunSpec spec = TestEvents.spec().withSmokeChecks(List.of(USERS)).withStabilization(old);
        assertThat(spec.effectiveProbes()).containsExactly(USERS);
    }

    @Test
    void partlyGivenSettingsKeepTheDefaultsOfTheRest() {
        Stabilization some = readStabilization(
                "{\"window\":\"PT1H\",\"baseline\":{},\"rollbackOn\":{\"failuresInARow\":1},\"probes\":[]}");

        assertThat(some.baseline().samples()).isEqualTo(BaselineSettings.DEFAULT_SAMPLES);
        assertThat(some.rollbackOn().failuresInARow()).isEqualTo(1);
        assertThat(some.rollbackOn().p95Factor()).isEqualTo(RollbackOn.DEFAULT_P95_FACTOR);
        assertThat(some.effectiveProbes(List.of(USERS))).as("an empty list is no probes, not the smoke checks")
                .isEmpty();
    }

    @Test
    void aSmokeCheckOfAnEarlierVersionIsAGetWithTheDefaultTimeout() {
        SmokeCheck old = readStabilization("{\"window\":\"PT1H\",\"probes\":[{\"name\":\"home\","
                + "\"url\":\"http://app.internal/\",\"expectedStatus\":204}]}").probes().get(0);

        assertThat(old).isEqualTo(SmokeCheck.http("home", "http://app.internal/", 204));
        assertThat(old.effectiveMethod()).isEqualTo("GET");
        assertThat(old.effectiveTimeout()).isEqualTo(SmokeCheck.DEFAULT_TIMEOUT);
        assertThat(old.bodyContains()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|  |PT1S|method POST is not one of GET, HEAD, OPTIONS",
            "HEAD|ok|PT1S|a HEAD answer has no body for bodyContains",
            "GET |  |PT0S|timeout PT0S must be positive and at most 5 minutes",
            "GET |  |PT6M|timeout PT6M must be positive",
            "GET |''|PT1S|bodyContains must not be empty"})
    void aProbeWithImpossibleHttpSettingsIsRefusedSayingWhy(String method, String body, String timeout, String why) {
        assertThatThrownBy(() -> SmokeCheck.http("home", "http://app.internal/", null)
                .withHttp(method.strip(), body, Duration.parse(timeout)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smoke check home: " + why);
    }

    @Test
    void httpSettingsOnASqlCheckAreRefused() {
        assertThatThrownBy(() -> USERS.withHttp(null, "40", null))
                .hasMessageContaining("smoke check users-count: bodyContains belongs to a url check");
        assertThatThrownBy(() -> USERS.withHttp("GET", null, null))
                .hasMessageContaining("method belongs to a url check");
    }

    @Test
    void probeNamesAreUniqueAndTheSettingsStayInRange() {
        assertThatThrownBy(() -> Stabilization.of(Duration.ofHours(1)).withProbes(List.of(USERS, USERS)))
                .hasMessageContaining("stabilization probe users-count is named twice");
        assertThatThrownBy(() -> new Stabilization(Duration.ofHours(1), null, Duration.ofMillis(500), null, null, null))
                .hasMessageContaining("stabilization interval PT0.5S must be 1s to 60 minutes");
        assertThatThrownBy(() -> new BaselineSettings(0)).hasMessageContaining("baseline samples must be 1 to 1000");
        assertThatThrownBy(() -> new RollbackOn(0, null, null, null, null))
                .hasMessageContaining("rollbackOn.failuresInARow must be 1 to 1000, got 0");
        assertThatThrownBy(() -> new RollbackOn(null, 0.5, null, null, null))
                .hasMessageContaining("rollbackOn.p95Factor must be 1 to 100, got 0.5");
        assertThatThrownBy(() -> new RollbackOn(null, null, null, 0.0, null))
                .hasMessageContaining("rollbackOn.errorRate must be above 0 and at most 1");
        assertThatThrownBy(() -> new RollbackOn(null, null, null, null, 1.5))
                .hasMessageContaining("rollbackOn.connectionsShare must be above 0 and at most 1");
    }

    @Test
    void aBaselineHasItsFiguresOrItsReasonNeverBoth() {
        assertThatThrownBy(() -> new ProbeBaseline("home", 50, 0.0, 1.0, 2.0, 3.0, "unreachable"))
                .hasMessageContaining("either its p50/p95/p99 or the reason");
        assertThatThrownBy(() -> new ProbeBaseline("home", 50, 0.0, 1.0, null, 3.0, null))
                .hasMessageContaining("either its p50/p95/p99 or the reason");
        assertThat(ProbeBaseline.none("home", 50, "unreachable: connection refused").describe())
                .isEqualTo("home: no baseline (unreachable: connection refused)");
        assertThat(ProbeBaseline.measured("home", 50, 0.02, 8, 21.5, 40.25).describe())
                .isEqualTo("home: p50 8.0 ms, p95 21.5 ms, p99 40.3 ms, 2.0 % errors of 50");
    }
}
