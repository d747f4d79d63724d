package io.jsonmig.verification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /preflight} on the real service: a run's smoke check URL served by a real HTTP server on
 * 127.0.0.1 passes, one whose port is closed fails {@code smoke-checks} naming the check and its host;
 * no URL is requested and no event published.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class PreflightTest {

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static HttpServer application;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @BeforeAll
    static void startApplication() throws IOException {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        application.start();
    }

    @AfterAll
    static void stopApplication() {
        application.stop(0);
    }

    @Test
    void smokeCheckUrlsThatAcceptConnectionsPass() {
        long records = probe.recordsOnRunTopics();
        int port = application.getAddress().getPort();

        PreflightReport report = preflight(spec().withSmokeChecks(List.of(
                SmokeCheck.http("app-health", "http://127.0.0.1:" + port + "/health", 200),
                SmokeCheck.sql("users-present", "SELECT count(*) > 0 FROM users", "t"))));

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.check(PreflightChecks.SMOKE_CHECKS).detail()).isEqualTo("app-health (127.0.0.1:" + port
                + ") accepts connections; 2 SQL checks run once the data is loaded");
        assertThat(report.check(PreflightChecks.REPORT_URL).detail()).startsWith("reports are linked under http");
        assertThat(REQUESTS).as("nothing requested of the URL").hasValue(0);
        assertThat(probe.recordsOnRunTopics()).isEqualTo(records);
    }

    @Test
    void aSmokeCheckUrlWhoseHostDoesNotAnswerFailsOnlySmokeChecks() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        PreflightReport report = preflight(spec().withSmokeChecks(List.of(
                SmokeCheck.http("app-health", "http://127.0.0.1:" + closed + "/health", 200))));

        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(PreflightCheck::name)
                .containsExactly(PreflightChecks.SMOKE_CHECKS);
        PreflightCheck failed = report.check(PreflightChecks.SMOKE_CHECKS);
        assertThat(failed.detail()).startsWith("smoke check app-health: 127.0.0.1:" + closed + " does not answer: ")
                .contains("Connection refused");
        assertThat(failed.fix()).contains("smoke checks");
    }

    private static RunSpec spec() {
        return new RunSpec("/srv/app/data", "/srv/app/schema", null, "test", "verification-preflight-test");
    }

    private static PreflightReport preflight(RunSpec spec) {
        String body = given().contentType("application/json").body(EventJson.mapper().valueToTree(spec).toString())
                .post("/preflight").then().statusCode(200).extract().asString();
        try {
            PreflightReport report = EventJson.mapper().readValue(body, PreflightReport.class);
            assertThat(report.service()).isEqualTo("verification-service");
            assertThat(report.checks()).extracting(PreflightCheck::name)
                    .containsExactlyElementsOf(PreflightChecks.BY_SERVICE.get("verification-service"));
            return report;
        } catch (IOException e) {
            throw new AssertionError("not a preflight report: " + body, e);
        }
    }
}
