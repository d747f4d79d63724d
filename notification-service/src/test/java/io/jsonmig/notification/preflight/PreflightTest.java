package io.jsonmig.notification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /preflight} on the real service with a real SMTP server (GreenMail) and a real HTTP
 * receiver on 127.0.0.1: every check passes while both run, then each fails on its own (the SMTP server
 * stopped, a webhook whose host does not answer, recipients the mail channel does not take). Nothing is
 * sent and no event is published.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(ChannelServersResource.class)
class PreflightTest {

    private static final List<String> NAMES = List.of(ChannelPreflight.MAIL, ChannelPreflight.WEBHOOKS,
            ChannelPreflight.RECIPIENTS);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static GreenMail smtp;
    private static HttpServer hooks;
    private long recordsBefore;

    @BeforeAll
    static void startServers() throws IOException {
        smtp = startSmtp();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.getInteger(ChannelServersResource.HOOK_PORT)), 0);
        hooks.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        hooks.start();
    }

    @AfterAll
    static void stopServers() {
        smtp.stop();
        hooks.stop(0);
    }

    @BeforeEach
    void remember() {
        recordsBefore = probe.recordsOnRunTopics();
    }

    @AfterEach
    void nothingSent() {
        assertThat(smtp.getReceivedMessages()).as("mails sent").isEmpty();
        assertThat(probe.recordsOnRunTopics()).as("records on the run topics").isEqualTo(recordsBefore);
    }

    @Test
    void channelsThatAnswerAndValidRecipientsPassEveryCheck() {
        PreflightReport report = preflight(spec().withRecipients(Map.of("operators", List.of("oncall@example.com"),
                "night-shift", List.of("night@example.com", "lead@example.com"))));

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.check(ChannelPreflight.MAIL).detail()).startsWith("SMTP server 127.0.0.1:"
                + smtp.getSmtp().getPort() + " answers (220").endsWith("1 e-mail subscription, 3 recipients of the run");
        assertThat(report.check(ChannelPreflight.WEBHOOKS).detail()).isEqualTo("subscription 'partner-hook' (slack, "
                + "127.0.0.1:" + hooks.getAddress().getPort() + ") accepts connections");
        assertThat(report.check(ChannelPreflight.RECIPIENTS).detail()).startsWith("3 addresses in ");
        assertThat(report.toString()).doesNotContain(ChannelServersResource.HOOK_PATH);
    }

    @Test
    void aStoppedMailServerFailsOnlyMailServer() {
        smtp.stop();
        try {
            PreflightCheck failed = onlyFailed(preflight(spec()), ChannelPreflight.MAIL);

            assertThat(failed.detail()).startsWith("SMTP server 127.0.0.1:" + Integer.getInteger(
                    ChannelServersResource.SMTP_PORT) + " does not answer: ").contains("Connection refused");
            assertThat(failed.fix()).contains("JSONMIG_SMTP_HOST");
        } finally {
            smtp = startSmtp();
        }
    }

    @Test
    void aWebhookWhoseHostDoesNotAnswerFailsOnlyWebhooksNamingTheHostNeverThePath() {
        int closed = ChannelServersResource.freePort();
        String secretPath = "/services/T0000/B0000/XXXXslack-secret";
        given().contentType(ContentType.JSON).body(Map.of("name", "dead-hook", "audience", "operators",
                        "channel", "slack", "target", "http://127.0.0.1:" + closed + secretPath,
                        "secret", "dead-hook-secret-0123456789"))
                .post("/subscriptions").then().statusCode(201);
        try {
            String body = preflightBody(spec());
            assertThat(body).doesNotContain(secretPath).doesNotContain(ChannelServersResource.HOOK_PATH);

            PreflightCheck failed = onlyFailed(read(body), ChannelPreflight.WEBHOOKS);
            assertThat(failed.detail()).startsWith("subscription 'dead-hook' (slack, 127.0.0.1:" + closed + "): ")
                    .contains("Connection refused").doesNotContain("partner-hook");
        } finally {
            given().delete("/subscriptions/dead-hook").then().statusCode(204);
        }
    }

    @Test
    void recipientsTheMailChannelDoesNotTakeFailOnlyRecipients() {
        PreflightCheck failed = onlyFailed(preflight(spec().withRecipients(Map.of(
                "night-owls", List.of("owl@example.com"), "users", List.of("someone@bad_domain.example")))),
                ChannelPreflight.RECIPIENTS);

        assertThat(failed.detail()).contains("audience 'night-owls' is neither operators, stakeholders, users nor a "
                        + "group configured here")
                .contains("'someone@bad_domain.example' (audience users) is not an address the mail channel takes");
    }

    private static RunSpec spec() {
        return new RunSpec("/srv/app/data", "/srv/app/schema", null, "local", "notification-preflight-test");
    }

    private static PreflightReport preflight(RunSpec spec) {
        return read(preflightBody(spec));
    }

    private static String preflightBody(RunSpec spec) {
        return given().contentType(ContentType.JSON).body(EventJson.mapper().valueToTree(spec).toString())
                .post("/preflight").then().statusCode(200).extract().asString();
    }

    private static PreflightReport read(String body) {
        try {
            PreflightReport report = EventJson.mapper().readValue(body, PreflightReport.class);
            assertThat(report.service()).isEqualTo("notification-service");
            assertThat(report.checks()).extracting(PreflightCheck::name).containsExactlyElementsOf(NAMES);
            return report;
        } catch (IOException e) {
            throw new AssertionError("not a preflight report: " + body, e);
        }
    }

    private static PreflightCheck onlyFailed(PreflightReport report, String name) {
        assertThat(report.checks()).filteredOn(c -> !c.passed()).as(report.toString())
                .extracting(PreflightCheck::name).containsExactly(name);
        assertThat(report.check(name).fix()).isNotBlank();
        return report.check(name);
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(Integer.getInteger(ChannelServersResource.SMTP_PORT),
                "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
