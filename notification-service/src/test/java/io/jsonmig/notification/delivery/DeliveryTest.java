package io.jsonmig.notification.delivery;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.jsonmig.notification.delivery.Mailboxes.awaitSingleMail;
import static io.jsonmig.notification.delivery.Mailboxes.part;
import static io.jsonmig.notification.delivery.Mailboxes.subjectOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Delivery through real parts: e-mail to a GreenMail SMTP server, webhooks to a JDK HTTP server on
 * 127.0.0.1, the ledger in PostgreSQL; messages handed over through {@link Notifications#publish}.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MailAndDeliveryResource.class)
class DeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "generic-secret-0f9a1b2c3d4e";
    private static final String SLACK_SECRET = "slack-secret-5e6f7a8b9c0d";

    private static HttpServer receiver;
    private static final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private static final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    private static final CountDownLatch releaseHanging = new CountDownLatch(1);
    private static final Queue<String> logLines = new ConcurrentLinkedQueue<>();
    private static final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    Notifications notifications;

    /** What a webhook receiver got: path, headers (lower-case names) and the exact body. */
    record Received(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonPath json() {
            return new JsonPath(new String(body, StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        Logger.getLogger("").addHandler(logCapture);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/ok/", exchange -> answer(exchange, 200));
        // the first call of each path fails, later ones succeed
        receiver.createContext("/flaky/", exchange -> answer(exchange,
                flakyCalls.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
                        .incrementAndGet() == 1 ? 500 : 200));
        receiver.createContext("/hang/", exchange -> {
            record(exchange);
            try {
                releaseHanging.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        releaseHanging.countDown();
        receiver.stop(0);
        Logger.getLogger("").removeHandler(logCapture);
    }

    @Test
    void eMailReachesEveryMatchingSubscriptionAndNoOther() throws Exception {
        String run = newRun();
        String s = suffix(run);
        subscribe("ops-" + s, "operators", "email", "alice-" + s + "@example.com, bob-" + s + "@example.com",
                run, List.of(), null, null);
        subscribe("night-" + s, "night-shift", "email", "carol-" + s + "@example.com", run, List.of(), null, null);
        subscribe("stake-" + s, "stakeholders", "email", "dave-" + s + "@example.com", run, List.of(), null, null);
        subscribe("failures-" + s, "operators", "email", "erin-" + s + "@example.com", run,
                List.of("phase.failed"), null, null);
        subscribe("critical-" + s, "operators", "email", "frank-" + s + "@example.com", run, List.of(), "critical",
                null);

        notifications.publish(new Notification(run + "/backup/operators", run, "event", "backup.completed",
                Severity.WARNING, "operators", "Backup of " + run + " done",
                "The backup holds 460 records.\nMigration starts now.",
                "<p>The backup holds <b>460</b> records.</p>", Map.of("records", 460)));

        for (String who : List.of("alice", "bob", "carol")) {
            MimeMessage mail = awaitSingleMail(who + "-" + s + "@example.com");
            assertThat(mail.getSubject()).isEqualTo("Backup of " + run + " done");
            assertThat(mail.getFrom()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("jsonmig@example.com");
            assertThat(part(mail, "text/plain")).isEqualToIgnoringNewLines(
                    "The backup holds 460 records.Migration starts now.");
            assertThat(part(mail, "text/html")).contains("<p>The backup holds <b>460</b> records.</p>");
        }
        assertThat(awaitSingleMail("alice-" + s + "@example.com").getRecipients(MimeMessage.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactlyInAnyOrder("alice-" + s + "@example.com", "bob-" + s + "@example.com");

        List<Map<String, Object>> deliveries = awaitDeliveries(run, d -> d.stream()
                .allMatch(row -> "SENT".equals(row.get("status"))) && d.size() == 2);
        assertThat(deliveries).extracting(d -> d.get("subscription"))
                .containsExactlyInAnyOrder("ops-" + s, "night-" + s);
        assertThat(deliveries).allSatisfy(d -> assertThat(d).containsEntry("attempts", 1)
                .containsEntry("channel", "email").containsKey("sentAt").doesNotContainKey("lastError"));
        for (String who : List.of("dave", "erin", "frank")) {
            assertThat(Mailboxes.of(who + "-" + s + "@example.com")).as(who).isEmpty();
        }
    }

    @Test
    void aScheduledRunIsAnnouncedByMailFromItsTemplatesAsSoonAsItIsRequested() throws Exception {
        String run = newRun();
        String s = suffix(run);
        subscribe("board-" + s, "stakeholders", "email", "grace-" + s + "@example.com", run, List.of(), null, null);
        subscribe("staff-" + s, "users", "email", "heidi-" + s + "@example.com", run, List.of(), null, null);
        Instant opens = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        RunSpec spec = new RunSpec("/srv/app/data", "/srv/app/schema", null, "local", "ops")
                .withMaintenanceWindow(new MaintenanceWindow(opens, Duration.ofMinutes(45)));
        try (EventProbe probe = new EventProbe(KafkaBrokerResource.bootstrapServers())) {
            probe.publish(EventEnvelope.of(run, 1, "cli", "", new MigrationRequested(spec), Instant.now()));
        }

        MimeMessage board = awaitSingleMail("grace-" + s + "@example.com");
        assertThat(board.getSubject()).startsWith("Planned maintenance ").contains(run);
        assertThat(part(board, "text/plain")).contains("Expected downtime: 45 min");
        assertThat(part(board, "text/html")).contains("<b>45 min</b>");
        MimeMessage staff = awaitSingleMail("heidi-" + s + "@example.com");
        assertThat(part(staff, "text/plain")).contains("Planned maintenance: on ");
    }

    @Test
    void webhooksCarryTheNotificationSignedWithTheSubscriptionsSecret() throws Exception {
        String run = newRun();
        String s = suffix(run);
        subscribe("generic-" + s, "stakeholders", "webhook", url("/ok/generic-" + s), run,
                List.of("verification.passed"), null, SECRET);
        subscribe("slack-" + s, "stakeholders", "slack", url("/ok/slack-" + s), run, List.of(), null, SLACK_SECRET);

        notifications.publish(new Notification(run + "/verified/stakeholders", run, "event", "verification.passed",
                Severity.INFO, "stakeholders", "Data verified", "All 3 collections match.", "<p>All match.</p>",
                Map.of("phase", "VERIFICATION", "percent", 100)));

        Received generic = awaitRequests("/ok/generic-" + s, 1).get(0);
        assertSigned(generic, SECRET);
        JsonPath body = generic.json();
        assertThat(body.getString("deliveryId")).isEqualTo(generic.header("X-Jsonmig-Delivery")).isNotBlank();
        assertThat(body.getString("key")).isEqualTo(run + "/verified/stakeholders");
        assertThat(body.getString("migrationId")).isEqualTo(run);
        assertThat(body.getString("kind")).isEqualTo("event");
        assertThat(body.getString("eventType")).isEqualTo("verification.passed");
        assertThat(body.getString("severity")).isEqualTo("INFO");
        assertThat(body.getString("audience")).isEqualTo("stakeholders");
        assertThat(body.getString("subject")).isEqualTo("Data verified");
        assertThat(body.getString("text")).isEqualTo("All 3 collections match.");
        assertThat(body.getString("html")).isEqualTo("<p>All match.</p>");
        assertThat(body.getMap("data")).containsEntry("phase", "VERIFICATION").containsEntry("percent", 100);
        assertThat(generic.header("Content-Type")).startsWith("application/json");

        Received slack = awaitRequests("/ok/slack-" + s, 1).get(0);
        assertSigned(slack, SLACK_SECRET);
        JsonPath message = slack.json();
        assertThat(message.getString("text")).contains("Data verified").contains("All 3 collections match.");
        assertThat(message.getList("blocks.type")).containsExactly("header", "section", "context");
        assertThat(message.getString("blocks[0].text.type")).isEqualTo("plain_text");
        assertThat(message.getString("blocks[0].text.text")).isEqualTo("Data verified");
        assertThat(message.getString("blocks[1].text.text")).isEqualTo("All 3 collections match.");
        assertThat(message.getString("blocks[2].elements[0].text")).contains(run).contains("info");

        awaitDeliveries(run, d -> d.size() == 2 && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        assertNoSecretIn(given().get("/subscriptions").then().statusCode(200).extract().asString());
        assertNoSecretIn(given().get("/subscriptions/generic-" + s).then().statusCode(200)
                .body("hasSecret", equalTo(true)).body("$", not(hasKey("secret"))).extract().asString());
        assertNoSecretIn(given().get("/deliveries").then().statusCode(200).extract().asString());
        assertThat(logLines).allSatisfy(line -> assertNoSecretIn(String.valueOf(line)));
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameBytesAndDeliveredOnce() {
        String run = newRun();
        String s = suffix(run);
        subscribe("flaky-" + s, "operators", "webhook", url("/flaky/" + s), run, List.of(), null, SECRET);

        notifications.publish(notification(run, run + "/alert", Severity.CRITICAL));

        Map<String, Object> delivery = await("delivery of " + run).atMost(TIMEOUT)
                .until(() -> deliveryOf(run, "flaky-" + s), d -> "SENT".equals(d.get("status")));
        assertThat(delivery).containsEntry("attempts", 2).doesNotContainKey("lastError");
        List<Received> calls = awaitRequests("/flaky/" + s, 2);
        assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
        assertThat(calls).extracting(r -> r.header("X-Jsonmig-Delivery"))
                .containsOnly(String.valueOf(delivery.get("id")));
        calls.forEach(call -> assertSigned(call, SECRET));
    }

    @Test
    void aRunsMessagesReachOneSubscriptionInTheirOrderEvenWhenTheFirstIsRetried() {
        String run = newRun();
        String s = suffix(run);
        subscribe("ordered-" + s, "operators", "webhook", url("/flaky/ordered-" + s), run, List.of(), null, SECRET);

        for (int n = 1; n <= 3; n++) {
            notifications.publish(notification(run, run + "/event-" + n, Severity.INFO));
        }

        List<Received> calls = awaitRequests("/flaky/ordered-" + s, 4);
        // The first answer is a 500: the later messages wait for its retry instead of overtaking it.
        assertThat(calls).extracting(r -> r.json().getString("key")).containsExactly(run + "/event-1",
                run + "/event-1", run + "/event-2", run + "/event-3");
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotDelayEmailAndFailsAfterItsLastAttempt() throws Exception {
        String run = newRun();
        String s = suffix(run);
        subscribe("hang-" + s, "operators", "webhook", url("/hang/" + s), run, List.of(), null, SECRET);
        subscribe("mail-" + s, "operators", "email", "grace-" + s + "@example.com", run, List.of(), null, null);

        notifications.publish(notification(run, run + "/alert", Severity.CRITICAL));

        awaitSingleMail("grace-" + s + "@example.com");
        Map<String, Object> hanging = deliveryOf(run, "hang-" + s);
        // the mail went out while the webhook's first attempt was still waiting for an answer
        assertThat(hanging).containsEntry("status", "PENDING").containsEntry("attempts", 1)
                .doesNotContainKey("lastError");

        Map<String, Object> failed = await("the hanging webhook given up").atMost(Duration.ofSeconds(60))
                .until(() -> deliveryOf(run, "hang-" + s), d -> "FAILED".equals(d.get("status")));
        assertThat(failed).containsEntry("attempts", 3);
        assertThat((String) failed.get("lastError")).contains("timed out");
        assertThat(received).filteredOn(r -> r.path().equals("/hang/" + s)).hasSize(3);
        assertThat(deliveryOf(run, "mail-" + s)).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void theSameKeyPublishedAgainIsNotDeliveredAgain() {
        String run = newRun();
        String s = suffix(run);
        subscribe("once-" + s, "operators", "webhook", url("/ok/once-" + s), run, List.of(), null, SECRET);

        Notification first = notification(run, run + "/event-1", Severity.INFO);
        notifications.publish(first);
        notifications.publish(first);
        notifications.publish(new Notification(first.key(), run, "event", "backup.completed", Severity.INFO,
                "operators", "a different subject", "redelivered", null, Map.of()));
        notifications.publish(notification(run, run + "/event-2", Severity.INFO));

        awaitDeliveries(run, d -> d.size() == 2 && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        List<Received> calls = awaitRequests("/ok/once-" + s, 2);
        assertThat(calls).extracting(r -> r.json().getString("key")).containsExactlyInAnyOrder(run + "/event-1",
                run + "/event-2");
        assertThat(calls).extracting(r -> r.json().getString("subject")).doesNotContain("a different subject");
    }

    @Test
    void subscriptionsAreCreatedReadReplacedAndDeleted() {
        String s = suffix(newRun());
        String name = "crud-" + s;
        Map<String, Object> body = request(name, "users", "webhook", url("/ok/crud-" + s), null,
                List.of("cutover.ready", "datasource.reverted"), "warning", SECRET);

        given().contentType(ContentType.JSON).body(body).post("/subscriptions").then()
                .statusCode(201)
                .header("Location", endsWith("/subscriptions/" + name))
                .body("name", equalTo(name))
                .body("source", equalTo("api"))
                .body("minSeverity", equalTo("WARNING"))
                .body("events", equalTo(List.of("cutover.ready", "datasource.reverted")))
                .body("hasSecret", equalTo(true))
                .body("$", not(hasKey("secret")));
        given().get("/subscriptions/{name}", name).then().statusCode(200).body("channel", equalTo("webhook"))
                .body("target", equalTo(url("/ok/crud-" + s)));
        given().get("/subscriptions").then().statusCode(200).body("name", hasItem(name));
        given().contentType(ContentType.JSON).body(body).post("/subscriptions").then()
                .statusCode(409).body("error", containsString("exists already"));

        // a replace without the secret keeps the stored one
        Map<String, Object> replaced = request(null, "users", "slack", url("/ok/crud-2-" + s), null, List.of(),
                null, null);
        given().contentType(ContentType.JSON).body(replaced).put("/subscriptions/{name}", name).then()
                .statusCode(200)
                .body("channel", equalTo("slack"))
                .body("minSeverity", equalTo("INFO"))
                .body("events", equalTo(List.of()))
                .body("hasSecret", equalTo(true));
        // a Slack URL's path is its credential: only the origin is shown
        given().get("/subscriptions/{name}", name).then().statusCode(200)
                .body("target", equalTo(url("/").replaceAll("/$", "") + "/…"));
        replaced.put("name", "other-name");
        given().contentType(ContentType.JSON).body(replaced).put("/subscriptions/{name}", name).then()
                .statusCode(400).body("field", equalTo("name"));

        given().delete("/subscriptions/{name}", name).then().statusCode(204);
        given().get("/subscriptions/{name}", name).then().statusCode(404)
                .body("error", containsString("unknown subscription '" + name + "'"));
        given().delete("/subscriptions/{name}", name).then().statusCode(404);
        given().contentType(ContentType.JSON).body(body).put("/subscriptions/{name}", name).then().statusCode(404);
    }

    @Test
    void anInvalidSubscriptionIsRefusedNamingTheField() {
        String s = suffix(newRun());
        String hook = url("/ok/invalid-" + s);
        assertInvalid(request(null, "operators", "log", null, null, null, null, null), "name");
        assertInvalid(request("Bad Name", "operators", "log", null, null, null, null, null), "name");
        assertInvalid(request("v-" + s, "Ops!", "log", null, null, null, null, null), "audience");
        assertInvalid(request("v-" + s, "operators", "sms", "+4711", null, null, null, null), "channel");
        assertInvalid(request("v-" + s, "operators", "email", null, null, null, null, null), "target");
        assertInvalid(request("v-" + s, "operators", "email", "ops@example.com, not-an-address", null, null, null,
                null), "target");
        assertInvalid(request("v-" + s, "operators", "webhook", "ftp://127.0.0.1/hook", null, null, null, SECRET),
                "target");
        assertInvalid(request("v-" + s, "operators", "webhook", "https://evil.example.org/hook", null, null, null,
                SECRET), "target");
        assertInvalid(request("v-" + s, "operators", "webhook", "http://user:pw@127.0.0.1/hook", null, null, null,
                SECRET), "target");
        assertInvalid(request("v-" + s, "operators", "webhook", hook, null, null, null, null), "secret");
        assertInvalid(request("v-" + s, "operators", "webhook", hook, null, null, null, "short"), "secret");
        assertInvalid(request("v-" + s, "operators", "email", "ops@example.com", null, null, null, SECRET), "secret");
        assertInvalid(request("v-" + s, "operators", "log", null, null, List.of("backup.done"), null, null), "events");
        assertInvalid(request("v-" + s, "operators", "log", null, null, null, "urgent", null), "minSeverity");
        assertInvalid(request("v-" + s, "operators", "log", null, "Not_A_Run", null, null, null), "migrationId");
        given().get("/subscriptions/{name}", "v-" + s).then().statusCode(404);

        given().queryParam("status", "LOST").get("/deliveries").then().statusCode(400)
                .body("error", containsString("invalid status 'LOST'"));
        given().queryParam("migrationId", "Not_A_Run").get("/deliveries").then().statusCode(400)
                .body("error", containsString("invalid migration id 'Not_A_Run'"));
    }

    @Test
    void subscriptionsDeclaredInConfigurationAreListedAndReadOnly() {
        given().get("/subscriptions/oncall").then().statusCode(200)
                .body("source", equalTo("config"))
                .body("audience", equalTo("operators"))
                .body("channel", equalTo("email"))
                .body("target", equalTo("oncall@example.com"))
                .body("minSeverity", equalTo("CRITICAL"));
        String partner = given().get("/subscriptions/partner-hook").then().statusCode(200)
                .body("source", equalTo("config"))
                .body("events", equalTo(List.of("cutover.ready", "datasource.reverted")))
                .body("hasSecret", equalTo(true))
                .body("$", not(hasKey("secret")))
                .extract().asString();
        assertNoSecretIn(partner);
        given().get("/subscriptions").then().statusCode(200).body("name", hasItem("oncall"))
                .body("name", hasItem("partner-hook"));

        Map<String, Object> change = request(null, "operators", "log", null, null, null, null, null);
        given().contentType(ContentType.JSON).body(change).put("/subscriptions/oncall").then()
                .statusCode(409).body("error", containsString("declared in configuration"));
        given().delete("/subscriptions/partner-hook").then().statusCode(409);
        change.put("name", "oncall");
        given().contentType(ContentType.JSON).body(change).post("/subscriptions").then().statusCode(409);
        given().get("/subscriptions/oncall").then().statusCode(200).body("channel", equalTo("email"));
    }

    @Test
    void aCriticalMessageReachesTheOnCallSubscriptionDeclaredInConfiguration() throws Exception {
        String run = newRun();
        notifications.publish(notification(run, run + "/failed", Severity.CRITICAL));

        List<MimeMessage> mails = await("on-call mail of " + run).atMost(TIMEOUT).until(
                () -> Mailboxes.of("oncall@example.com").stream().filter(m -> subjectOf(m).contains(run)).toList(),
                list -> !list.isEmpty());
        assertThat(mails).hasSize(1);
        assertThat(deliveryOf(run, "oncall")).containsEntry("status", "SENT");
    }

    // --- helpers

    private static Notification notification(String run, String key, Severity severity) {
        return new Notification(key, run, "alert", "phase.failed", severity, "operators",
                "Run " + run + ": migration failed", "comments: record 17 cannot be mapped", null,
                Map.of("phase", "MIGRATION"));
    }

    private static void subscribe(String name, String audience, String channel, String target, String migrationId,
                                  List<String> events, String minSeverity, String secret) {
        given().contentType(ContentType.JSON)
                .body(request(name, audience, channel, target, migrationId, events, minSeverity, secret))
                .post("/subscriptions").then().statusCode(201);
    }

    private static Map<String, Object> request(String name, String audience, String channel, String target,
                                               String migrationId, List<String> events, String minSeverity,
                                               String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("audience", audience);
        body.put("channel", channel);
        body.put("target", target);
        body.put("migrationId", migrationId);
        body.put("events", events);
        body.put("minSeverity", minSeverity);
        body.put("secret", secret);
        return body;
    }

    private static void assertInvalid(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/subscriptions").then()
                .statusCode(400)
                .contentType("application/json")
                .body("field", equalTo(field))
                .body("error", containsString(field + ": "));
    }

    private static void assertSigned(Received request, String secret) {
        String timestamp = request.header("X-Jsonmig-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(120L));
        byte[] signed = (timestamp + "." + new String(request.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(request.header("X-Jsonmig-Signature")).isEqualTo("sha256=" + hmac(secret, signed));
    }

    private static String hmac(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(SECRET).doesNotContain(SLACK_SECRET)
                .doesNotContain(MailAndDeliveryResource.CONFIG_SECRET);
    }

    private static List<Map<String, Object>> awaitDeliveries(String run,
                                                             java.util.function.Predicate<List<Map<String, Object>>> condition) {
        return await("deliveries of " + run).atMost(TIMEOUT).until(() -> deliveries(run), condition);
    }

    private static List<Map<String, Object>> deliveries(String run) {
        return given().queryParam("migrationId", run).get("/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static Map<String, Object> deliveryOf(String run, String subscription) {
        return deliveries(run).stream().filter(d -> subscription.equals(d.get("subscription"))).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery of " + run + " for " + subscription));
    }

    private static List<Received> awaitRequests(String path, int count) {
        List<Received> calls = await(count + " request(s) to " + path).atMost(TIMEOUT)
                .until(() -> received.stream().filter(r -> r.path().equals(path)).toList(), l -> l.size() >= count);
        assertThat(calls).hasSize(count);
        return calls;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        record(exchange);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        try (InputStream body = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body.readAllBytes()));
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static String newRun() {
        return MigrationIds.newId(Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }

    /** The run id's random part, to name this test's subscriptions and addresses. */
    private static String suffix(String run) {
        return run.substring(run.length() - 4) + Long.toString(System.nanoTime() % 100_000, 36);
    }
}
