package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Severity;
import io.jsonmig.notification.plan.Audience;
import io.jsonmig.notification.plan.PlanTestProfile;
import io.jsonmig.notification.plan.RecordedNotifications;
import io.jsonmig.notification.plan.Wording;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The communication plan on real Kafka and PostgreSQL, with delivery replaced by a recorder. */
@QuarkusTest
@TestProfile(PlanTestProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class CommunicationPlanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Inject
    RecordedNotifications recorded;

    @Inject
    Timeline timeline;

    @Test
    void aScheduledRunIsAnnouncedAtOnceAndRemindedOnceBeforeItsWindow() {
        BlogRun run = BlogRun.startingAt(now());
        MaintenanceWindow window = new MaintenanceWindow(run.at(7_000), Duration.ofMinutes(30));
        EventEnvelope requested = EventEnvelope.of(run.migrationId, 1, "cli", "",
                new MigrationRequested(run.spec.withMaintenanceWindow(window)), run.start);
        probe.publish(requested);
        probe.publish(requested);

        Notification stakeholders = awaitKey(requested.eventId() + "/stakeholders");
        assertThat(stakeholders.kind()).isEqualTo("announcement");
        assertThat(stakeholders.subject()).startsWith("Planned maintenance " + Wording.time(window.scheduledAt()));
        assertThat(stakeholders.text()).contains("scheduled for " + Wording.time(window.scheduledAt()))
                .contains("Expected downtime: 30 min");
        assertThat(stakeholders.html()).contains("<b>30 min</b>");
        assertThat(stakeholders.data()).containsEntry("expectedDowntime", "PT30M");
        Notification users = awaitKey(requested.eventId() + "/users");
        assertThat(users.text()).contains("Planned maintenance: on " + Wording.time(window.scheduledAt()));
        assertThat(awaitKey(requested.eventId() + "/operators").kind()).isEqualTo("event");

        Notification reminder = awaitKey(run.migrationId + "/reminder/stakeholders");
        assertThat(reminder.kind()).isEqualTo("reminder");
        assertThat(reminder.subject()).startsWith("Reminder: planned maintenance in");
        assertThat(awaitKey(run.migrationId + "/reminder/users").text()).contains("planned maintenance starts in");

        // Past the window, every reminder the scheduler could have sent has been decided.
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(window.scheduledAt().plusSeconds(2)));
        assertThat(recorded.callsFor(run.migrationId + "/reminder/stakeholders")).isEqualTo(1);
        assertThat(recorded.callsFor(requested.eventId() + "/stakeholders"))
                .as("the redelivered request says nothing again").isEqualTo(1);
        assertThat(recorded.of(run.migrationId)).noneMatch(n -> n.kind().equals("update"))
                .as("nothing changed since the window opened: no status update");
    }

    @Test
    void anActiveRunGetsStatusUpdatesWithPercentAndEtaOnlyWhenSomethingChanged() {
        BlogRun run = BlogRun.startingAt(now());
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.migrationProgress("users", 40, 40, 4_000));
        probe.publish(run.migrationProgress("comments", 150, 300, 5_000));

        Notification first = awaitKey(run.migrationId + "/update/1/stakeholders");
        assertThat(first.kind()).isEqualTo("update");
        assertThat(first.subject()).isEqualTo("Migration " + run.migrationId + ": migration 55%");
        // 190 of 340 rows in the 2 s since the migration began: the phase should end 3.579 s after it began.
        assertThat(first.data()).containsEntry("percent", 55).containsEntry("phase", "MIGRATION")
                .containsEntry("eta", run.at(6_579).toString());
        assertThat(first.text()).contains("55% done").contains(Wording.time(run.at(6_579)));
        assertThat(awaitKey(run.migrationId + "/update/1/operators").severity()).isEqualTo(Severity.INFO);

        probe.publish(run.migrationProgress("comments", 300, 300, 6_000));
        Notification second = awaitKey(run.migrationId + "/update/2/stakeholders");
        assertThat(second.data()).containsEntry("percent", 100);
    }

    @Test
    void aFailureIsAlertedAtOnceAndTheRollbackSummarized() {
        BlogRun run = BlogRun.startingAt(now());
        EventEnvelope failed = run.migrationFailed();
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(failed);

        Notification alert = awaitKey(run.migrationId + "/1/failure/operators");
        assertThat(alert.kind()).isEqualTo("alert");
        assertThat(alert.eventType()).isEqualTo("phase.failed");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.subject()).isEqualTo("[jsonmig] " + run.migrationId + ": migration failed");
        assertThat(alert.text()).contains(BlogRun.MIGRATION_FAILURE);
        assertThat(alert.html()).as("event text is escaped in HTML").contains("&quot;post_id&quot;")
                .doesNotContain("\"post_id\"");
        Notification plain = awaitKey(run.migrationId + "/1/failure/stakeholders");
        assertThat(plain.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(plain.subject()).isEqualTo("Data migration " + run.migrationId
                + " did not succeed and is being rolled back");
        assertThat(plain.text()).as("stakeholders read plain words, operators the technical detail")
                .contains("stopped during the migration and is being rolled back")
                .doesNotContain("post_id").doesNotContain("line 2113");

        EventEnvelope reverted = run.datasourceReverted();
        probe.publish(run.rollbackRequested());
        probe.publish(run.targetCompensated());
        probe.publish(run.sourceConfirmed());
        // As backup-service publishes it: after both steps (topics published at once may be read in any order).
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 6);
        probe.publish(reverted);

        Notification summary = awaitKey(reverted.eventId() + "/stakeholders");
        assertThat(summary.kind()).isEqualTo("summary");
        assertThat(summary.subject()).isEqualTo("Migration " + run.migrationId + " rolled back");
        assertThat(summary.text()).contains("Trigger: phase failed").contains(BlogRun.MIGRATION_FAILURE)
                .contains("- migration-service: dropped tables comments, posts, users (created by this run)")
                .contains("- backup-service: all 1 JSON file(s) in " + BlogRun.SOURCE_DIR + " match the backup");
        assertThat(awaitKey(reverted.eventId() + "/users").text())
                .contains("We rolled back the maintenance; nothing changed for you.");
        // The rollback the failure started is the same failure: no second alert, for anyone.
        assertThat(recorded.of(run.migrationId)).filteredOn(n -> n.kind().equals("alert"))
                .extracting(Notification::key).containsExactlyInAnyOrder(
                        run.migrationId + "/1/failure/operators", run.migrationId + "/1/failure/stakeholders");
        assertThat(recorded.byKey(run.rollbackRequested().eventId() + "/operators")).isNull();
    }

    @Test
    void usersHearNothingOfARunRefusedByItsBackupPreflight() {
        BlogRun run = BlogRun.startingAt(now());
        String refusal = "preflight: source directory " + BlogRun.SOURCE_DIR + " is not readable";
        EventEnvelope refused = EventEnvelope.of(run.migrationId, 1, "backup-service", "BACKUP",
                new PhaseFailed(Phase.BACKUP, refusal, List.of(refusal), run.spec), run.at(500));
        EventEnvelope reverted = run.datasourceReverted();
        probe.publish(run.requested());
        probe.publish(refused);
        probe.publish(run.rollbackRequested());
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 3);
        probe.publish(reverted);

        Notification summary = awaitKey(reverted.eventId() + "/stakeholders");
        assertThat(reverted.payloadAs(DatasourceReverted.class).instruction()).as("as an older backup-service wrote it")
                .startsWith("switch the application back");
        assertThat(List.of(summary.text(), summary.html(), awaitKey(reverted.eventId() + "/operators").text()))
                .as("the run never announced a cut-over: nothing was switched, nothing is switched back")
                .allSatisfy(text -> assertThat(text).doesNotContainIgnoringCase("switch the application back")
                        .contains("Nothing to switch back: the run never announced a cut-over, so the application "
                                + "keeps using its JSON files in " + BlogRun.SOURCE_DIR + "."));
        assertThat(awaitKey(run.migrationId + "/1/failure/operators").text()).contains(refusal);
        assertThat(recorded.of(run.migrationId)).extracting(Notification::audience).doesNotContain(Audience.USERS);
    }

    @Test
    void aScheduledRunsSummaryTellsTheWaitForItsWindowApartFromTheWork() {
        Instant start = now();
        BlogRun run = BlogRun.startingAt(start, spec -> spec.withMaintenanceWindow(
                new MaintenanceWindow(start.plusSeconds(2), Duration.ofMinutes(30))));
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.dataMigrated());
        probe.publish(run.verificationPassed());
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 4);
        probe.publish(run.cutoverReady());

        Notification summary = awaitKey(run.cutoverReady().eventId() + "/stakeholders");
        assertThat(summary.subject()).isEqualTo("Migration " + run.migrationId + " complete: 460 records in 9 s");
        assertThat(summary.text()).contains("is complete after 9 s of work (after 2 s waiting for the maintenance window).");
        assertThat(summary.data()).containsEntry("waitedForWindow", "2 s");
    }

    @Test
    void aCompletedRunIsSummarizedWithItsFiguresOnceEvenWhenRedelivered() {
        BlogRun run = BlogRun.startingAt(now());
        EventEnvelope cutover = run.cutoverReady();
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.dataMigrated());
        probe.publish(run.verificationPassed());
        // Published at once, events of several topics may be read in any order; a real run's are seconds apart.
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 4);
        probe.publish(cutover);
        probe.publish(cutover);

        Notification summary = awaitKey(cutover.eventId() + "/stakeholders");
        assertThat(summary.subject()).isEqualTo("Migration " + run.migrationId + " complete: 460 records in 11 s");
        assertThat(summary.text())
                .contains("Records in the source: 460; loaded: 460; rejected: 0.")
                .contains("Throughput: 109.5 records/s.")
                .contains("Verification passed: 3 check(s) agree. Report: /var/lib/jsonmig/reports/" + run.migrationId)
                .contains("- backup: succeeded, 3 s").contains("- migration: succeeded, 5 s")
                .contains("- verification: succeeded, 2 s").contains("- cutover: succeeded, 1 s");
        assertThat(summary.data()).containsEntry("recordsLoaded", 460L).containsEntry("recordsRejected", 0L);
        assertThat(awaitKey(cutover.eventId() + "/operators").kind()).isEqualTo("summary");
        assertThat(awaitKey(cutover.eventId() + "/users").text())
                .contains("Maintenance complete: we are on the new system.");
        assertThat(awaitKey(run.backupCompleted().eventId() + "/operators").kind()).isEqualTo("event");
        // Users hear of a run that starts now once its backup is taken.
        assertThat(awaitKey(run.migrationId + "/announcement/users").text()).contains("now");
        assertThat(recorded.byKey(run.requested().eventId() + "/users")).isNull();
        assertThat(summary.text()).contains("is complete after 11 s of work.")
                .contains("Switch the application's data source to PostgreSQL profile 'test'.");
        // Every message of the run links its live status page, in words and for machines.
        String page = "http://127.0.0.1:8084/status/" + run.migrationId;
        assertThat(recorded.of(run.migrationId)).isNotEmpty().allSatisfy(n -> {
            assertThat(n.text()).as(n.key()).contains("Follow the run live: " + page);
            assertThat(n.data()).as(n.key()).containsEntry("statusPage", page);
            if (n.html() != null) {
                assertThat(n.html()).as(n.key()).contains("<a href=\"" + page + "\">Follow the run live</a>");
            }
        });

        // The same topic, one partition, in order: once a later run's cut-over is summarized, both
        // deliveries of this one were handled.
        BlogRun later = BlogRun.startingAt(now());
        probe.publish(later.cutoverReady());
        awaitKey(later.cutoverReady().eventId() + "/operators");
        assertThat(recorded.callsFor(cutover.eventId() + "/stakeholders")).isEqualTo(1);
    }

    @Test
    void aCutoverWithAWindowSaysHowLongTheWayBackStaysOpenAndItsEndSaysTheRunIsComplete() {
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withStabilization(
                io.jsonmig.events.payload.Stabilization.of(java.time.Duration.ofHours(72))));
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.dataMigrated());
        probe.publish(run.verificationPassed());
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 4);
        probe.publish(run.cutoverReady());

        Notification cutOver = awaitKey(run.cutoverReady().eventId() + "/stakeholders");
        assertThat(cutOver.text()).contains("is complete after 11 s of work.")
                .contains("The stabilization window is open for ")
                .contains(": the JSON files stay the way back until then.");
        assertThat(cutOver.data().get("stabilization")).asString().startsWith("The stabilization window is open for");

        probe.publish(run.runFinalized());
        Notification finalized = awaitKey(run.runFinalized().eventId() + "/stakeholders");
        assertThat(finalized.kind()).isEqualTo("summary");
        assertThat(finalized.text()).as("the window after the cut-over is not work")
                .contains("is complete after 11 s of work.")
                .contains("The stabilization window is over (ended early by ops@example.com: probes green): the "
                        + "data lives in PostgreSQL for good.");
    }

    @Test
    void aDryRunIsAnnouncedAsARehearsalToStakeholdersAndNotToUsers() {
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withDryRun(true));
        EventEnvelope requested = run.requested();
        probe.publish(requested);

        Notification stakeholders = awaitKey(requested.eventId() + "/stakeholders");
        assertThat(stakeholders.kind()).isEqualTo("announcement");
        assertThat(stakeholders.subject()).isEqualTo("Dry run " + run.migrationId
                + " (a rehearsal, nothing is cut over) starting now");
        assertThat(stakeholders.text()).startsWith("Dry run " + run.migrationId
                        + " to target 'test' is starting now: a rehearsal of the data migration.")
                .contains("loads and verifies the data in a throwaway schema and removes that schema again; "
                        + "nothing is cut over");
        assertThat(stakeholders.html()).contains("<h2>Dry run starting now</h2>");
        assertThat(stakeholders.data()).containsEntry("dryRun", true);
        assertThat(awaitKey(requested.eventId() + "/operators").kind()).isEqualTo("event");

        // The same topic, one partition, in order: once a later run is announced, this one was handled.
        BlogRun later = BlogRun.startingAt(now());
        probe.publish(later.requested());
        probe.publish(later.backupCompleted());
        awaitKey(later.migrationId + "/announcement/users");
        assertThat(recorded.byKey(requested.eventId() + "/users")).as("users hear nothing of a rehearsal").isNull();
    }

    @Test
    void aDryRunsSummaryGoesToStakeholdersAndOperatorsWithItsFiguresAndNotToUsers() {
        BlogRun run = BlogRun.startingAt(now(), spec -> spec.withDryRun(true));
        EventEnvelope completed = run.dryRunCompleted();
        probe.publish(run.requested());
        probe.publish(run.backupCompleted());
        probe.publish(run.dataMigrated());
        probe.publish(run.verificationPassed());
        await().atMost(TIMEOUT).until(() -> timeline.events(run.migrationId).size() == 4);
        probe.publish(completed);

        Notification summary = awaitKey(completed.eventId() + "/stakeholders");
        assertThat(summary.kind()).isEqualTo("summary");
        assertThat(summary.severity()).isEqualTo(Severity.INFO);
        assertThat(summary.subject()).isEqualTo("Dry run " + run.migrationId
                + " completed: 460 records loaded and verified in 13 s, nothing cut over");
        String schema = DryRuns.schemaFor(run.migrationId);
        assertThat(summary.text())
                .startsWith("Dry run " + run.migrationId + " completed after 13 s of work: loaded and verified in a "
                        + "throwaway schema, removed again; nothing was cut over.")
                .contains("Records in the source: 460; loaded: 460; rejected: 0.")
                .contains("Throughput: 109.5 records/s.")
                .contains("Verification passed: 3 check(s) agree. Report: http://127.0.0.1:8083/verifications/"
                        + run.migrationId)
                .contains("Removed again:\n- dropped schema " + schema)
                .contains("- verification: succeeded, 2 s").contains("- cutover: skipped\n");
        assertThat(summary.html()).contains("<b>nothing was cut over</b>").contains("<li>cutover: skipped</li>");
        assertThat(summary.data()).containsEntry("dryRun", true).containsEntry("completed", true)
                .containsEntry("removed", List.of("dropped schema " + schema));
        Notification operators = awaitKey(completed.eventId() + "/operators");
        assertThat(operators.kind()).isEqualTo("summary");
        assertThat(operators.subject()).isEqualTo(summary.subject());

        // The same topic, one partition, in order: once a later dry run is summarized, this one was handled.
        BlogRun later = BlogRun.startingAt(now(), spec -> spec.withDryRun(true));
        probe.publish(later.dryRunCompleted());
        awaitKey(later.dryRunCompleted().eventId() + "/operators");
        assertThat(recorded.of(run.migrationId)).as("a rehearsal tells users nothing")
                .noneMatch(n -> n.audience().equals("users"));
        assertThat(recorded.byKey(later.dryRunCompleted().eventId() + "/users")).isNull();
    }

    @Test
    void aReverseSyncWhoseExportDisagreesWithTheFencedTablesIsAlertedAtOnce() {
        BlogRun run = BlogRun.startingAt(now());
        String difference = "row id=2 of public.users differs in name";
        EventEnvelope failedStep = EventEnvelope.of(run.migrationId, 1, RollbackStepCompleted.VERIFIER,
                RollbackStepCompleted.VERIFIER + "|export", new RollbackStepCompleted(RollbackStepCompleted.VERIFIER,
                        Phase.STABILIZATION, List.of("the export disagrees with the fenced tables: 1 problem(s)",
                        difference, "the live JSON files and the fenced tables are left as they are"), false,
                        run.spec), run.at(9_000));
        probe.publish(run.requested());
        probe.publish(failedStep);

        Notification operators = awaitKey(failedStep.eventId() + "/" + Audience.OPERATORS);
        assertThat(operators.kind()).isEqualTo("alert");
        assertThat(operators.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(operators.data()).containsEntry("headline",
                "rollback step of verification-service could not finish: an operator must look");
        assertThat(operators.text()).contains(difference);
        assertThat(awaitKey(failedStep.eventId() + "/" + Audience.STAKEHOLDERS).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    private Notification awaitKey(String key) {
        return await("notification " + key).atMost(TIMEOUT).until(() -> recorded.byKey(key), n -> n != null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
