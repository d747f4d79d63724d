package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.events.state.TimelineEntry;
import io.jsonmig.notification.timeline.RunEvent;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class NotificationServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<Phase> FORWARD_PHASES = List.of(Phase.BACKUP, Phase.MIGRATION, Phase.VERIFICATION,
            Phase.CUTOVER);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Test
    void aSuccessfulRunEndsCompletedWithEveryForwardPhaseSucceededAndAnOrderedTimeline() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested(), run.backupProgress(), run.backupCompleted(),
                run.migrationProgress("users", 40, 40, 4_000), run.migrationProgress("comments", 150, 300, 5_000),
                run.dataMigrated(), run.verificationPassed(), run.cutoverReady());

        RunState state = awaitState(run.migrationId, s -> s.status() == RunStatus.COMPLETED && s.timeline().size() == 5,
                "completed with 5 timeline entries");

        assertThat(state.phase()).isEqualTo(Phase.CUTOVER);
        for (Phase phase : FORWARD_PHASES) {
            assertThat(state.phase(phase).status()).as(phase.name()).isEqualTo(PhaseStatus.SUCCEEDED);
        }
        assertThat(state.phase(Phase.ROLLBACK).status()).isEqualTo(PhaseStatus.PENDING);
        assertThat(state.timeline()).extracting(TimelineEntry::type).containsExactly(EventType.MIGRATION_REQUESTED,
                EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED, EventType.VERIFICATION_PASSED,
                EventType.CUTOVER_READY);
        assertThat(state.timeline()).extracting(TimelineEntry::occurredAt).isSorted();
        assertThat(state.timeline()).extracting(TimelineEntry::producer)
                .containsExactly("cli", "backup-service", "migration-service", "verification-service",
                        "verification-service");
        assertThat(state.startedAt()).isEqualTo(run.start);
        assertThat(state.updatedAt()).isEqualTo(run.at(11_000));
        assertThat(state.spec()).isEqualTo(run.spec);
        assertThat(state.rowsLoaded()).isEqualTo(BlogRun.TOTAL_RECORDS);
        assertThat(state.checks()).hasSize(3).allSatisfy(check -> assertThat(check.passed()).isTrue());
        assertThat(state.progress()).containsKeys("BACKUP/records", "MIGRATION/users", "MIGRATION/comments");
        assertThat(state.failureReason()).isNull();

        // The JSON itself follows the events' rules: wire names, ISO-8601 instants, no null fields.
        given().get("/migrations/{id}", run.migrationId).then()
                .statusCode(200)
                .body("timeline.type", contains("migration.requested", "backup.completed", "data.migrated",
                        "verification.passed", "cutover.ready"))
                .body("startedAt", equalTo(run.start.toString()))
                .body("phases.CUTOVER.status", equalTo("SUCCEEDED"))
                .body("$", not(hasKey("failureReason")))
                .body("$", not(hasKey("seenEventIds")));
    }

    @Test
    void aRolledBackRunShowsTheFailureReasonAndEveryCompensation() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested(), run.backupCompleted(), run.migrationFailed(), run.rollbackRequested(),
                run.targetCompensated(), run.sourceConfirmed(), run.datasourceReverted());

        RunState state = awaitState(run.migrationId,
                s -> s.status() == RunStatus.ROLLED_BACK && s.timeline().size() == 7, "rolled back with 7 timeline entries");

        assertThat(state.failureReason()).isEqualTo(BlogRun.MIGRATION_FAILURE);
        assertThat(state.rollbackTrigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(state.rollbackActions()).containsExactly(
                "migration-service: dropped tables comments, posts, users (created by this run)",
                "migration-service: removed 2 schema migration(s) from flyway_schema_history",
                "backup-service: all 1 JSON file(s) in " + BlogRun.SOURCE_DIR + " match the backup");
        assertThat(state.phase()).isEqualTo(Phase.ROLLBACK);
        assertThat(state.phase(Phase.BACKUP).status()).isEqualTo(PhaseStatus.SUCCEEDED);
        assertThat(state.phase(Phase.MIGRATION).status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(state.phase(Phase.MIGRATION).detail()).isEqualTo(BlogRun.MIGRATION_FAILURE);
        assertThat(state.phase(Phase.VERIFICATION).status()).isEqualTo(PhaseStatus.PENDING);
        assertThat(state.phase(Phase.CUTOVER).status()).isEqualTo(PhaseStatus.PENDING);
        assertThat(state.phase(Phase.ROLLBACK).status()).isEqualTo(PhaseStatus.SUCCEEDED);
        assertThat(state.timeline()).extracting(TimelineEntry::type).containsExactly(EventType.MIGRATION_REQUESTED,
                EventType.BACKUP_COMPLETED, EventType.PHASE_FAILED, EventType.ROLLBACK_REQUESTED,
                EventType.ROLLBACK_STEP_COMPLETED, EventType.ROLLBACK_STEP_COMPLETED, EventType.DATASOURCE_REVERTED);
    }

    @Test
    void aRedeliveredEventIsStoredAndShownOnce() {
        BlogRun run = BlogRun.startingAt(now());
        EventEnvelope requested = run.requested();
        // Published again after a crash: the same step gives the same id, whatever the new time stamp.
        EventEnvelope republished = EventEnvelope.of(run.migrationId, 1, "cli", "", requested.payload(),
                run.at(30_000));
        assertThat(republished.eventId()).isEqualTo(requested.eventId());
        EventEnvelope backup = run.backupCompleted();
        publish(requested, requested, republished, backup, backup);
        // Each topic has one partition, handled in order: once a later run's events on the same two
        // topics are in, every delivery of the first run's events has been handled.
        BlogRun later = BlogRun.startingAt(now());
        publish(later.requested(), later.backupCompleted());
        awaitState(later.migrationId, s -> s.timeline().size() == 2, "2 timeline entries");

        RunState state = awaitState(run.migrationId, s -> s.timeline().size() >= 2, "2 timeline entries");
        assertThat(state.timeline()).extracting(TimelineEntry::type)
                .containsExactly(EventType.MIGRATION_REQUESTED, EventType.BACKUP_COMPLETED);
        assertThat(state.timeline().get(0).occurredAt()).isEqualTo(run.start);
        assertThat(state.updatedAt()).isEqualTo(run.at(3_000));
        long stored = QuarkusTransaction.requiringNew().call(() -> RunEvent.count("migrationId", run.migrationId));
        assertThat(stored).isEqualTo(2);
    }

    @Test
    void eventsArrivingOutOfOrderStillGiveTheOrderedTimelineAndTheRightState() {
        BlogRun run = BlogRun.startingAt(now());
        publish(run.requested(), run.dataMigrated());
        awaitState(run.migrationId, s -> s.timeline().size() == 2, "2 timeline entries");
        publish(run.backupCompleted());
        awaitState(run.migrationId, s -> s.timeline().size() == 3, "3 timeline entries");
        publish(run.migrationProgress("comments", 300, 300, 7_000));

        RunState state = awaitState(run.migrationId, s -> s.progress().containsKey("MIGRATION/comments"),
                "the late progress");

        assertThat(state.timeline()).extracting(TimelineEntry::type)
                .containsExactly(EventType.MIGRATION_REQUESTED, EventType.BACKUP_COMPLETED, EventType.DATA_MIGRATED);
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(state.phase()).isEqualTo(Phase.VERIFICATION);
        assertThat(state.updatedAt()).isEqualTo(run.at(8_000));
        // As if the events had arrived in the order they happened: each phase ends when its own
        // event says so, with that event's summary.
        PhaseState backup = state.phase(Phase.BACKUP);
        assertThat(backup.status()).isEqualTo(PhaseStatus.SUCCEEDED);
        assertThat(backup.startedAt()).isEqualTo(run.start);
        assertThat(backup.finishedAt()).isEqualTo(run.at(3_000));
        assertThat(backup.detail()).startsWith("backup completed: 1 file(s)");
        PhaseState migration = state.phase(Phase.MIGRATION);
        assertThat(migration.status()).isEqualTo(PhaseStatus.SUCCEEDED);
        assertThat(migration.startedAt()).isEqualTo(run.at(3_000));
        assertThat(migration.finishedAt()).isEqualTo(run.at(8_000));
        assertThat(state.phase(Phase.VERIFICATION).status()).isEqualTo(PhaseStatus.RUNNING);
        assertThat(state.rowsLoaded()).isEqualTo(BlogRun.TOTAL_RECORDS);
    }

    @Test
    void runsAreListedNewestFirst() {
        BlogRun older = BlogRun.startingAt(now().minus(2, ChronoUnit.HOURS));
        BlogRun newer = BlogRun.startingAt(now().minus(1, ChronoUnit.HOURS));
        publish(newer.requested(), newer.backupCompleted(), newer.migrationFailed());
        publish(older.requested());
        awaitState(newer.migrationId, s -> s.timeline().size() == 3, "3 timeline entries");
        awaitState(older.migrationId, s -> s.timeline().size() == 1, "1 timeline entry");

        List<Map<String, Object>> runs = given().get("/migrations").then()
                .statusCode(200).extract().jsonPath().getList("$");

        List<String> ids = runs.stream().map(r -> (String) r.get("migrationId")).toList();
        assertThat(ids).contains(newer.migrationId, older.migrationId);
        assertThat(ids.indexOf(newer.migrationId)).isLessThan(ids.indexOf(older.migrationId));
        assertThat(runs).extracting(r -> Instant.parse((String) r.get("startedAt")))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(runs.get(ids.indexOf(newer.migrationId))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "migrationId", newer.migrationId,
                "status", "RUNNING",
                "phase", "MIGRATION",
                "startedAt", newer.start.toString(),
                "updatedAt", newer.at(6_000).toString(),
                "targetProfile", "test",
                "failureReason", BlogRun.MIGRATION_FAILURE,
                "dryRun", false));
        assertThat(runs.get(ids.indexOf(older.migrationId)))
                .containsEntry("status", "RUNNING")
                .containsEntry("phase", "BACKUP")
                .doesNotContainKey("failureReason");

        given().queryParam("limit", 1).get("/migrations").then().statusCode(200).body("$", hasSize(1));
        given().queryParam("limit", 0).get("/migrations").then().statusCode(400)
                .body("error", containsString("invalid limit '0'"));
        given().queryParam("limit", "abc").get("/migrations").then().statusCode(400)
                .body("error", containsString("invalid limit 'abc'"));
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLettersAndTheTimelineGoesOn() {
        BlogRun run = BlogRun.startingAt(now());
        byte[] broken = "{\"type\": \"progress\", \"payload\": 42".getBytes(StandardCharsets.UTF_8);
        probe.publishRaw(Topics.PROGRESS, run.migrationId, broken);
        publish(run.requested(), run.backupProgress());

        RunState state = awaitState(run.migrationId, s -> s.progress().containsKey("BACKUP/records"),
                "the progress published after the broken record");
        assertThat(state.timeline()).extracting(TimelineEntry::type).containsExactly(EventType.MIGRATION_REQUESTED);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(run.migrationId);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.PROGRESS);
        assertThat(header(dead, "dead-letter-reason")).contains("not JSON");
        assertThat(dead.headers().lastHeader("deserialization-failure-value-data").value()).isEqualTo(broken);
    }

    @Test
    void anInvalidRunIdIsABadRequestAndAnUnknownRunIsNotFound() {
        given().get("/migrations/{id}", "Not_A_Run").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", containsString("invalid migration id 'Not_A_Run'"));
        given().get("/migrations/{id}", "mig-20000101-000000-dead").then()
                .statusCode(404)
                .contentType("application/json")
                .body("error", containsString("unknown run mig-20000101-000000-dead"));
    }

    @Test
    void eachEventIsLoggedInOneLine() {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.jsonmig.notification.messaging.RunEventListener");
        logger.addHandler(capture);
        try {
            BlogRun run = BlogRun.startingAt(now());
            EventEnvelope requested = run.requested();
            publish(requested);

            String expected = "[" + run.migrationId + "] migration.requested: "
                    + requested.payloadAs(MigrationRequested.class).describe();
            await().atMost(TIMEOUT).until(() -> lines.contains(expected));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void theChannelReadsEveryRunTopicButNotTheDeadLetters() {
        String topics = ConfigProvider.getConfig().getValue("mp.messaging.incoming.run-events.topics", String.class);

        assertThat(Arrays.stream(topics.split(",")).map(String::trim))
                .containsExactlyInAnyOrderElementsOf(Topics.RUN_EVENT_TOPICS)
                .doesNotContain(Topics.DEAD_LETTERS);
    }

    @Test
    void healthCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }

    /** Polls {@code GET /migrations/{id}} until the run's state satisfies the condition. */
    private static RunState awaitState(String migrationId, Predicate<RunState> condition, String description) {
        return await("run " + migrationId + ": " + description).atMost(TIMEOUT)
                .until(() -> fetch(migrationId), state -> state != null && condition.test(state));
    }

    private static RunState fetch(String migrationId) throws JsonProcessingException {
        Response response = given().get("/migrations/{id}", migrationId);
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return EventJson.mapper().readValue(response.asString(), RunState.class);
    }

    /** The dead letter keyed by the run id, read from the start of the dead-letter topic. */
    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String migrationId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition deadLetters = new TopicPartition(Topics.DEAD_LETTERS, 0);
            consumer.assign(List.of(deadLetters));
            consumer.seekToBeginning(List.of(deadLetters));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            return await("dead letter of run " + migrationId).atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> migrationId.equals(r.key())).findFirst().orElse(null);
            }, Objects::nonNull);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
