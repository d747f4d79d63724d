package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.notification.delivery.MailAndDeliveryResource;
import io.jsonmig.notification.delivery.Mailboxes;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static io.jsonmig.notification.delivery.Mailboxes.awaitMails;
import static io.jsonmig.notification.delivery.Mailboxes.part;
import static io.jsonmig.notification.delivery.Mailboxes.subjectOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The e-mail recipients a run names for itself ({@code RunSpec.recipients}), through the delivery ledger
 * to a real SMTP server (GreenMail), the run's events published to a real broker.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MailAndDeliveryResource.class)
class RunRecipientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Inject
    Timeline timeline;

    @Test
    void aRunsRecipientsHearTheirAudiencesMessagesOfThatRunAndOfNoOther() throws Exception {
        String s = suffix();
        String stakeholder = "a-" + s + "@example.com";
        String operator = "ops-" + s + "@example.com";
        String otherStakeholder = "b-" + s + "@example.com";
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withRecipients(recipients(
                "stakeholders", List.of(stakeholder), "operators", List.of(operator))));
        BlogRun other = BlogRun.startingAt(now(), spec -> spec.withRecipients(recipients(
                "stakeholders", List.of(otherStakeholder))));

        probe.publish(run.requested());
        probe.publish(other.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.dataMigrated());
        probe.publish(run.verificationPassed());
        // Published at once, events of several topics may be read in any order; a real run's are seconds apart.
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 4
                && timeline.events(other.migrationId).size() == 1);
        probe.publish(run.cutoverReady());
        probe.publish(other.cutoverReady());

        List<MimeMessage> toStakeholder = awaitMails(stakeholder, 2);
        assertThat(toStakeholder).extracting(Mailboxes::subjectOf).containsExactlyInAnyOrder(
                "Data migration " + run.migrationId + " starting now",
                "Migration " + run.migrationId + " complete: 460 records in 11 s");
        MimeMessage summary = toStakeholder.stream().filter(m -> subjectOf(m).startsWith("Migration ")).findFirst()
                .orElseThrow();
        assertThat(summary.getRecipients(MimeMessage.RecipientType.TO)).extracting(a -> ((InternetAddress) a)
                .getAddress()).containsExactly(stakeholder);
        assertThat(part(summary, "text/plain")).contains("Records in the source: 460; loaded: 460; rejected: 0.");

        List<MimeMessage> toOperator = awaitMails(operator, 5);
        assertThat(toOperator).as("an event notice of each of the run's four events, then its summary")
                .hasSize(5).allSatisfy(m -> assertThat(subjectOf(m)).contains(run.migrationId));

        // The other run's messages went out to its own recipient, and to no recipient of this run.
        assertThat(awaitMails(otherStakeholder, 2)).extracting(Mailboxes::subjectOf)
                .allSatisfy(subject -> assertThat(subject).contains(other.migrationId));
        awaitDeliveries(other.migrationId, d -> d.size() == 2
                && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        assertThat(deliveries(other.migrationId)).extracting(d -> d.get("subscription"))
                .containsOnly("run:" + other.migrationId + ":stakeholders:" + otherStakeholder);
        assertThat(Mailboxes.of(stakeholder)).hasSize(2);
        assertThat(Mailboxes.of(operator)).hasSize(5);

        List<Map<String, Object>> delivered = awaitDeliveries(run.migrationId,
                d -> d.size() == 7 && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        assertThat(delivered).extracting(d -> d.get("subscription")).filteredOn(
                name -> name.equals("run:" + run.migrationId + ":stakeholders:" + stakeholder)).hasSize(2);

        List<Map<String, Object>> subscriptions = runSubscriptions(run.migrationId);
        assertThat(subscriptions).extracting(m -> m.get("name")).containsExactlyInAnyOrder(
                "run:" + run.migrationId + ":stakeholders:" + stakeholder,
                "run:" + run.migrationId + ":operators:" + operator);
        assertThat(subscriptions).allSatisfy(m -> assertThat(m).containsEntry("channel", "email")
                .containsEntry("source", "run").containsEntry("migrationId", run.migrationId));
        String name = "run:" + run.migrationId + ":stakeholders:" + stakeholder;
        given().contentType(ContentType.JSON).body(Map.of("audience", "users", "channel", "email",
                "target", "someone@example.com")).put("/subscriptions/{name}", name).then().statusCode(409)
                .body("error", containsString("recipient named by run " + run.migrationId));
        given().delete("/subscriptions/{name}", name).then().statusCode(409);
    }

    @Test
    void aStabilizationAlertIsMailedToTheOperatorsOnceAndAPlainCheckIsNot() throws Exception {
        String operator = "watch-" + suffix() + "@example.com";
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withRecipients(recipients(
                "operators", List.of(operator))));

        probe.publish(run.requested());
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 1);
        probe.publish(run.stabilizationChecked());
        probe.publish(run.stabilizationAlerted());
        probe.publish(run.stabilizationAlerted()); // redelivered: told once
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 3);

        List<MimeMessage> mails = awaitMails(operator, 2);
        MimeMessage alert = mails.stream().filter(m -> subjectOf(m).contains("rollback trigger")).findFirst().orElseThrow();
        assertThat(subjectOf(alert)).isEqualTo("[jsonmig] " + run.migrationId + ": a rollback trigger fired in the "
                + "stabilization window; mode alert, so nothing was rolled back: decide (./jsonmig rollback "
                + run.migrationId + " --trigger ..., or ./jsonmig finalize " + run.migrationId + ")");
        assertThat(part(alert, "text/plain")).contains("probe blog-home failed 3 time(s) in a row "
                + "(rollbackOn.failuresInARow 3): GET http://blog.example/ answered 500, expected 200");
        awaitDeliveries(run.migrationId, d -> d.size() == 2 && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        assertThat(Mailboxes.of(operator)).as("the request's notice and the alert; the plain check says nothing")
                .hasSize(2);
    }

    @Test
    void aRedeliveredRequestAndTheRunsLaterEventsSubscribeNoRecipientTwice() throws Exception {
        String s = suffix();
        String stakeholder = "c-" + s + "@example.com";
        String user = "u-" + s + "@example.com";
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withRecipients(recipients(
                // the same address twice, once in capitals: one recipient
                "stakeholders", List.of(stakeholder, stakeholder.toUpperCase(Locale.ROOT)),
                "users", List.of(user))));
        BlogRun later = BlogRun.startingAt(now());
        EventEnvelope requested = run.requested();

        probe.publish(requested);
        probe.publish(requested);
        probe.publish(run.backupCompleted());
        // The same topic, one partition, in order: once the later run is known, both deliveries were handled.
        probe.publish(later.requested());
        await().atMost(TIMEOUT).until(() -> timeline.state(later.migrationId).isPresent()
                && timeline.events(run.migrationId).size() == 2);

        assertThat(runSubscriptions(run.migrationId)).extracting(m -> m.get("name")).containsExactlyInAnyOrder(
                "run:" + run.migrationId + ":stakeholders:" + stakeholder,
                "run:" + run.migrationId + ":users:" + user);
        List<Map<String, Object>> delivered = awaitDeliveries(run.migrationId,
                d -> d.size() == 2 && d.stream().allMatch(row -> "SENT".equals(row.get("status"))));
        assertThat(delivered).extracting(d -> d.get("kind")).containsOnly("announcement");
        assertThat(Mailboxes.awaitSingleMail(stakeholder).getSubject())
                .isEqualTo("Data migration " + run.migrationId + " starting now");
        assertThat(part(Mailboxes.awaitSingleMail(user), "text/plain"))
                .startsWith("Maintenance: we are moving our data to a new system now.");
    }

    private static Map<String, List<String>> recipients(Object... audienceThenAddresses) {
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        for (int i = 0; i < audienceThenAddresses.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> addresses = (List<String>) audienceThenAddresses[i + 1];
            recipients.put((String) audienceThenAddresses[i], addresses);
        }
        return recipients;
    }

    private static List<Map<String, Object>> runSubscriptions(String migrationId) {
        List<Map<String, Object>> all = given().get("/subscriptions").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(m -> "run".equals(m.get("source")) && migrationId.equals(m.get("migrationId")))
                .toList();
    }

    private static List<Map<String, Object>> awaitDeliveries(String run,
                                                             Predicate<List<Map<String, Object>>> condition) {
        return await("deliveries of " + run).atMost(TIMEOUT).until(() -> deliveries(run), condition);
    }

    private static List<Map<String, Object>> deliveries(String run) {
        return given().queryParam("migrationId", run).get("/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** Unique per test, so each test's addresses get mailboxes of their own. */
    private static String suffix() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
