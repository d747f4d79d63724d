package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Tables above a size compared on a sample of their keys, stated in the report; an HTTP smoke check
 * against an application's health URL (a server started here) that passes.
 */
@QuarkusTest
@TestProfile(SampledVerificationTest.Sampling.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class SampledVerificationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpServer HEALTH = healthServer();
    private static final AtomicInteger HEALTH_REQUESTS = new AtomicInteger();

    public static class Sampling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.verification.sampling.above-records", "100",
                    "jsonmig.verification.sampling.ratio", "0.5",
                    "jsonmig.verification.smoke.http.app-health.url",
                    "http://127.0.0.1:" + HEALTH.getAddress().getPort() + "/health",
                    "jsonmig.verification.smoke.http.app-health.profiles", "test");
        }
    }

    private static EventProbe probe;
    private static Path workDir;

    @Inject
    TargetProfiles targets;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-verification-sampled-").toRealPath();
        Files.createDirectories(workDir.resolve("snapshot/files"));
        Files.copy(BlogTarget.EXAMPLE.resolve("data/db.json"), workDir.resolve("snapshot/files/db.json"));
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        HEALTH.stop(0);
        TestFiles.deleteTree(workDir);
    }

    @Test
    void tablesAboveTheThresholdAreComparedOnASampleAndTheReportSaysSo() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "sampled");
        String id = probe.publish(dataMigrated(List.of(new TableLoad("users", "sampled.users", 40),
                new TableLoad("posts", "sampled.posts", 120), new TableLoad("comments", "sampled.comments", 300))))
                .migrationId();

        probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT);
        given().when().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", equalTo(true))
                .body("mode", equalTo("sample of 0.5 of the keys in sampled.posts, sampled.comments"))
                .body("summary", startsWith("all 3 collection(s) match the snapshot"))
                .body("tables.mode", contains("full", "sample", "sample"))
                .body("tables[2].sampleRatio", equalTo(0.5f))
                .body("smokeChecks.name", contains("no-smoke-trap", "app-health"))
                .body("smokeChecks[1].actual", equalTo("200"))
                .body("smokeChecks[1].passed", equalTo(true));
        int matched = given().when().get("/verifications/{id}", id).then().extract().path("tables[2].matched");
        assertThat(matched).as("about half of the 300 comments").isBetween(100, 200);
        assertThat(HEALTH_REQUESTS.get()).isPositive();
    }

    private static EventEnvelope dataMigrated(List<TableLoad> loads) {
        String id = MigrationIds.newId(Clock.systemUTC());
        Map<String, Long> records = new LinkedHashMap<>();
        loads.forEach(l -> records.put(l.collection(), l.rows()));
        RunSpec spec = new RunSpec(workDir.resolve("app").toString(),
                BlogTarget.EXAMPLE.resolve("schema").toAbsolutePath().toString(), null, "test", "sampled-test");
        SnapshotSummary snapshot = new SnapshotSummary(id + "-a1", workDir.resolve("snapshot").toString(), "db-json",
                1, 180_000, records, "0".repeat(64), null);
        return EventEnvelope.of(id, 1, "migration-service", "", new DataMigrated(spec, snapshot, List.of(), loads,
                460, 1_000), Instant.now());
    }

    private static HttpServer healthServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/health", exchange -> {
                HEALTH_REQUESTS.incrementAndGet();
                byte[] body = "{\"status\":\"UP\"}".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
