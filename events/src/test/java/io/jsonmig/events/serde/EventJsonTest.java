package io.jsonmig.events.serde;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.jsonmig.events.TestEvents.MIGRATION_ID;
import static io.jsonmig.events.TestEvents.at;
import static io.jsonmig.events.TestEvents.backupCompleted;
import static io.jsonmig.events.TestEvents.driftCheckRequested;
import static io.jsonmig.events.TestEvents.driftClean;
import static io.jsonmig.events.TestEvents.driftFound;
import static io.jsonmig.events.TestEvents.encryptedSnapshot;
import static io.jsonmig.events.TestEvents.event;
import static io.jsonmig.events.TestEvents.migrationRequested;
import static io.jsonmig.events.TestEvents.oneOfEach;
import static io.jsonmig.events.TestEvents.progress;
import static io.jsonmig.events.TestEvents.spec;
import static io.jsonmig.events.TestEvents.specWithFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    static Stream<EventEnvelope> everyEventType() {
        return oneOfEach().stream();
    }

    @Test
    void theExamplesCoverEveryEventType() {
        Set<EventType> covered = oneOfEach().stream().map(EventEnvelope::type).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(EventType.class));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jsonmig.events.serde.EventJsonTest#everyEventType")
        void throughEventJson(EventEnvelope event) {
            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            assertThat(EventJson.fromBytes(EventJson.toJson(event).getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jsonmig.events.serde.EventJsonTest#everyEventType")
        void throughTheKafkaSerializerAndDeserializer(EventEnvelope event) {
            try (EventEnvelopeSerializer serializer = new EventEnvelopeSerializer();
                 EventEnvelopeDeserializer deserializer = new EventEnvelopeDeserializer()) {
                byte[] bytes = serializer.serialize(event.topic(), event);

                assertThat(deserializer.deserialize(event.topic(), bytes)).isEqualTo(event);
                assertThat(bytes).isEqualTo(EventJson.toBytes(event));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jsonmig.events.serde.EventJsonTest#everyEventType")
        void theJsonCarriesTheWireNameAndAnIsoTimestamp(EventEnvelope event) throws Exception {
            JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(event));

            assertThat(json.get("type").isTextual()).isTrue();
            assertThat(json.get("type").asText()).isEqualTo(event.type().wireName());
            assertThat(json.get("occurredAt").isTextual()).isTrue();
            assertThat(json.get("occurredAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
            assertThat(Instant.parse(json.get("occurredAt").asText())).isEqualTo(event.occurredAt());
            assertThat(json.get("eventId").asText()).isEqualTo(event.eventId());
            assertThat(json.get("migrationId").asText()).isEqualTo(MIGRATION_ID);
            assertThat(json.get("attempt").asInt()).isEqualTo(event.attempt());
            assertThat(json.get("payload").isObject()).isTrue();
            assertThat(json.get("payload").has("type")).as("the envelope's type decides the payload").isFalse();
            assertThat(event.topic()).isEqualTo(Topics.PREFIX + event.type().wireName());
        }

        @Test
        void fractionalSecondsSurvive() {
            EventEnvelope event = event(migrationRequested(), Instant.parse("2026-11-25T15:36:00.123456789Z"));

            assertThat(EventJson.toJson(event)).contains("\"occurredAt\":\"2026-11-25T15:36:00.123456789Z\"");
            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
        }

        @Test
        void nullsAreOmitted() throws Exception {
            JsonNode spec = EventJson.mapper().readTree(EventJson.toBytes(event(migrationRequested(), at(0))))
                    .path("payload").path("spec");

            assertThat(spec.has("sourceDir")).isTrue();
            assertThat(spec.has("mappingFile")).as("null mapping file").isFalse();
        }

        @Test
        void enumsTravelAsTheirNames() throws Exception {
            JsonNode payload = EventJson.mapper()
                    .readTree(EventJson.toBytes(event("x", progress(Phase.MIGRATION, "users", 1, 2), at(0))))
                    .path("payload");

            assertThat(payload.path("phase").asText()).isEqualTo("MIGRATION");
            assertThat(payload.path("done").asLong()).isEqualTo(1);
        }

        @Test
        void nullRecordsPassThroughTheKafkaAdapters() {
            try (EventEnvelopeSerializer serializer = new EventEnvelopeSerializer();
                 EventEnvelopeDeserializer deserializer = new EventEnvelopeDeserializer()) {
                assertThat(serializer.serialize(Topics.PROGRESS, null)).isNull();
                assertThat(deserializer.deserialize(Topics.PROGRESS, null)).isNull();
            }
        }

        @Test
        void unknownFieldsAreIgnored() throws Exception {
            EventEnvelope event = event(backupCompleted(), at(1));
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(event));
            json.put("schemaVersion", 7);
            json.putObject("tracing").put("traceId", "abc");
            ((ObjectNode) json.get("payload")).put("compression", "zstd");
            ((ObjectNode) json.get("payload").get("snapshot")).put("encrypted", false);

            assertThat(EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(json))).isEqualTo(event);
        }
    }

    @Nested
    class SnapshotStorageAndDrift {

        private JsonNode payloadJson(EventEnvelope event) throws Exception {
            return EventJson.mapper().readTree(EventJson.toBytes(event)).path("payload");
        }

        @Test
        void anEncryptedSnapshotOfExplicitFilesRoundTrips() throws Exception {
            EventEnvelope event = event(new BackupCompleted(specWithFiles(), encryptedSnapshot()), at(1));

            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            JsonNode payload = payloadJson(event);
            assertThat(payload.at("/snapshot/storage/compression").asText()).isEqualTo("gzip");
            assertThat(payload.at("/snapshot/storage/encryption").asText()).isEqualTo("aes-256-gcm");
            assertThat(payload.at("/snapshot/storage/keyFingerprint").asText()).isEqualTo("0123456789abcdef");
            assertThat(payload.at("/spec/sourceFiles/1").asText()).isEqualTo("shop/orders.json");
        }

        @Test
        void anEventWithoutStorageOrSourceFilesReadsAsPlainAndEveryFile() throws Exception {
            EventEnvelope event = event(backupCompleted(), at(1));
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(event));
            ((ObjectNode) json.at("/payload/snapshot")).remove("storage");
            ((ObjectNode) json.at("/payload/spec")).remove("sourceFiles");

            BackupCompleted read = EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(json))
                    .payloadAs(BackupCompleted.class);

            assertThat(read.snapshot().storage()).isEqualTo(SnapshotStorage.PLAIN);
            assertThat(read.snapshot().storage().compressed()).isFalse();
            assertThat(read.snapshot().storage().encrypted()).isFalse();
            assertThat(read.spec().sourceFiles()).isEmpty();
        }

        @Test
        void aRejectThresholdAndRejectCountsRoundTripAndOlderEventsReadAsNoneTolerated() throws Exception {
            RunSpec spec = specWithFiles().withRejectThreshold(new RejectThreshold(5L, 0.01));
            EventEnvelope event = event(new DataMigrated(spec, encryptedSnapshot(), List.of(),
                    List.of(new TableLoad("users", "public.users", 9, 2)), 9, 10, "/var/jsonmig/rejects/m"), at(1));

            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            JsonNode payload = payloadJson(event);
            assertThat(payload.at("/spec/rejectThreshold/maxRatio").asDouble()).isEqualTo(0.01);
            assertThat(payload.at("/tables/0/rejected").asLong()).isEqualTo(2);
            assertThat(event.payload().describe()).as("what watch shows of the migration")
                    .endsWith("9 rows into 1 table(s) in 10 ms, 2 record(s) rejected (/var/jsonmig/rejects/m)");

            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(event));
            ((ObjectNode) json.at("/payload/spec")).remove("rejectThreshold");
            ((ObjectNode) json.at("/payload/tables/0")).remove("rejected");
            DataMigrated read = EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(json))
                    .payloadAs(DataMigrated.class);
            assertThat(read.spec().effectiveRejectThreshold()).isEqualTo(RejectThreshold.NONE);
            assertThat(read.tables().get(0).rejected()).isZero();
            assertThat(read.describe()).endsWith("9 rows into 1 table(s) in 10 ms");
        }

        @Test
        void aRejectThresholdAllowsWhatItSaysAndNoThresholdAllowsNothing() {
            assertThat(RejectThreshold.NONE.exceededBy(0, 100)).isFalse();
            assertThat(RejectThreshold.NONE.exceededBy(1, 100)).isTrue();
            assertThat(new RejectThreshold(2L, null).exceededBy(2, 3)).isFalse();
            assertThat(new RejectThreshold(2L, null).exceededBy(3, 1000)).isTrue();
            assertThat(new RejectThreshold(null, 0.01).exceededBy(1, 100)).isFalse();
            assertThat(new RejectThreshold(null, 0.01).exceededBy(2, 100)).isTrue();
            assertThat(new RejectThreshold(100L, 0.01).exceededBy(2, 100)).as("both limits hold").isTrue();
            assertThatThrownBy(() -> new RejectThreshold(null, 1.5)).hasMessageContaining("between 0 and 1");
            assertThatThrownBy(() -> new RejectThreshold(-1L, null)).hasMessageContaining("0 or more");
        }

        @Test
        void anUnknownStorageIsRejectedWithItsName() throws Exception {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(event(backupCompleted(), at(1))));
            ((ObjectNode) json.at("/payload/snapshot")).putObject("storage").put("compression", "zstd");

            assertThatThrownBy(() -> EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(json)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("unknown snapshot compression 'zstd'");
        }

        @Test
        void anEncryptedStorageWithoutFingerprintIsRejected() throws Exception {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(event(backupCompleted(), at(1))));
            ((ObjectNode) json.at("/payload/snapshot")).putObject("storage").put("encryption", "aes-256-gcm");

            assertThatThrownBy(() -> EventJson.fromBytes(EventJson.mapper().writeValueAsBytes(json)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("must name its key fingerprint");
        }

        @Test
        void aDriftWithChangedAndMissingFilesRoundTrips() throws Exception {
            EventEnvelope event = event(driftFound(), at(5));

            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            JsonNode files = payloadJson(event).path("files");
            assertThat(files).hasSize(2);
            assertThat(files.get(0).path("change").asText()).isEqualTo(FileDrift.CHANGED);
            assertThat(files.get(0).path("actualBytes").asLong()).isEqualTo(2100);
            assertThat(files.get(1).path("change").asText()).isEqualTo(FileDrift.MISSING);
            assertThat(files.get(1).has("actualBytes")).as("a missing file has no size").isFalse();
            assertThat(files.get(1).has("actualSha256")).isFalse();
            assertThat(event.payload().describe()).contains("db.json changed", "extra.json missing");
        }

        @Test
        void aCleanDriftHasNoFiles() throws Exception {
            EventEnvelope event = event(driftClean(), at(5));

            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            assertThat(payloadJson(event).path("clean").asBoolean()).isTrue();
            assertThat(event.payloadAs(DriftChecked.class).files()).isEmpty();
        }

        @Test
        void aDriftCheckedWithoutCleanIsRejected() {
            String record = "{\"eventId\":\"e-1\",\"migrationId\":\"" + MIGRATION_ID + "\",\"type\":\"drift.checked\","
                    + "\"occurredAt\":\"2026-11-25T15:36:00Z\",\"attempt\":1,\"producer\":\"backup-service\","
                    + "\"payload\":{\"snapshotId\":\"snap-1\",\"files\":[]}}";

            assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("'clean'");
        }

        @Test
        void aDriftCheckRequestMayNameNoSnapshot() throws Exception {
            EventEnvelope latest = event(driftCheckRequested(), at(4));
            EventEnvelope named = event("again", new DriftCheckRequested("snap-1", null), at(6));

            assertThat(EventJson.fromBytes(EventJson.toBytes(latest))).isEqualTo(latest);
            assertThat(EventJson.fromBytes(EventJson.toBytes(named))).isEqualTo(named);
            assertThat(payloadJson(latest).has("snapshotId")).isFalse();
            assertThat(latest.topic()).isEqualTo(Topics.DRIFT_CHECK_REQUESTED);
            assertThat(named.payload().describe()).isEqualTo("drift check requested against snapshot snap-1");
        }
    }

    @Nested
    class MaintenanceWindows {

        private final MaintenanceWindow window = new MaintenanceWindow(at(3_600), Duration.ofMinutes(30));

        private String requestWithWindow(String window) {
            return "{\"eventId\":\"e-1\",\"migrationId\":\"" + MIGRATION_ID + "\",\"type\":\"migration.requested\","
                    + "\"occurredAt\":\"2026-11-25T15:36:00Z\",\"attempt\":1,\"producer\":\"cli\",\"payload\":{\"spec\":"
                    + "{\"sourceDir\":\"/d\",\"schemaDir\":\"/s\",\"targetProfile\":\"local\",\"maintenanceWindow\":"
                    + window + "}}}";
        }

        @Test
        void aScheduledRunRoundTripsWithAnIsoDuration() throws Exception {
            RunSpec spec = new RunSpec("/d", "/s", null, "local", "alice", List.of(), window);
            EventEnvelope event = event(new MigrationRequested(spec), at(0));

            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
            JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(event)).at("/payload/spec/maintenanceWindow");
            assertThat(json.path("scheduledAt").asText()).isEqualTo("2026-11-25T16:36:00Z");
            assertThat(json.path("expectedDowntime").asText()).isEqualTo("PT30M");
            assertThat(event.payload().describe()).contains("maintenance window at 2026-11-25 16:36:00 UTC for 30 min");
            assertThat(window.endsAt()).isEqualTo(at(5_400));
            assertThat(window.opensAfter(at(3_599))).isTrue();
            assertThat(window.opensAfter(at(3_600))).isFalse();
        }

        @Test
        void aRunWithoutWindowOmitsItAndTheOlderConstructorsStartAtOnce() throws Exception {
            EventEnvelope event = event(new MigrationRequested(specWithFiles()), at(0));

            assertThat(EventJson.mapper().readTree(EventJson.toBytes(event)).at("/payload/spec").has("maintenanceWindow"))
                    .isFalse();
            assertThat(spec().maintenanceWindow()).isNull();
            assertThat(specWithFiles().maintenanceWindow()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PT0S", "-PT5M", "P8D"})
        void anImplausibleDowntimeIsRejected(String downtime) {
            assertThatThrownBy(() -> new MaintenanceWindow(at(0), Duration.parse(downtime)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected downtime");
        }

        @Test
        void anEventWithADowntimeOfZeroIsRejectedWithItsReason() {
            String record = requestWithWindow("{\"scheduledAt\":\"2026-11-25T16:00:00Z\",\"expectedDowntime\":\"PT0S\"}");

            assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("expected downtime must be positive");
        }

        @Test
        void aWindowWithoutItsTimeIsRejected() {
            String record = requestWithWindow("{\"expectedDowntime\":\"PT30M\"}");

            assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("scheduledAt");
        }
    }

    @Nested
    class DeterministicIds {

        @Test
        void theSameInputsGiveTheSameId() {
            EventEnvelope first = event(backupCompleted(), at(1));
            EventEnvelope again = event(backupCompleted(), at(99));

            assertThat(again.eventId()).isEqualTo(first.eventId());
            assertThat(EventEnvelope.deterministicId(MIGRATION_ID, EventType.BACKUP_COMPLETED, 1, ""))
                    .isEqualTo(first.eventId())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }

        @Test
        void aNullStepIsTheEmptyStep() {
            assertThat(EventEnvelope.deterministicId(MIGRATION_ID, EventType.PROGRESS, 1, null))
                    .isEqualTo(EventEnvelope.deterministicId(MIGRATION_ID, EventType.PROGRESS, 1, ""));
        }

        @Test
        void aDifferentStepGivesADifferentId() {
            assertThat(event("migration-service", backupCompleted(), at(1)).eventId())
                    .isNotEqualTo(event("backup-service", backupCompleted(), at(1)).eventId());
        }

        @Test
        void aDifferentAttemptGivesADifferentId() {
            assertThat(event(MIGRATION_ID, 2, "", backupCompleted(), at(1)).eventId())
                    .isNotEqualTo(event(MIGRATION_ID, 1, "", backupCompleted(), at(1)).eventId());
        }

        @Test
        void aDifferentMigrationOrTypeGivesADifferentId() {
            String id = EventEnvelope.deterministicId(MIGRATION_ID, EventType.BACKUP_COMPLETED, 1, "");

            assertThat(EventEnvelope.deterministicId("mig-other", EventType.BACKUP_COMPLETED, 1, "")).isNotEqualTo(id);
            assertThat(EventEnvelope.deterministicId(MIGRATION_ID, EventType.DATA_MIGRATED, 1, "")).isNotEqualTo(id);
        }

        @Test
        void everyExampleHasItsOwnId() {
            assertThat(oneOfEach()).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        }
    }

    @Nested
    class InvalidInput {

        private static final String VALID_PAYLOAD =
                "{\"spec\":{\"sourceDir\":\"/d\",\"schemaDir\":\"/s\",\"targetProfile\":\"local\"}}";

        private static String envelope(String migrationId, String type, String payloadField) {
            return "{\"eventId\":\"e-1\",\"migrationId\":\"" + migrationId + "\",\"type\":\"" + type
                    + "\",\"occurredAt\":\"2026-11-25T15:36:00Z\",\"attempt\":1,\"producer\":\"cli\""
                    + payloadField + "}";
        }

        static Stream<Arguments> invalidRecords() {
            return Stream.of(
                    Arguments.of("empty bytes", "", "empty record"),
                    Arguments.of("not JSON", "this is not json", "not JSON"),
                    Arguments.of("truncated JSON", "{\"eventId\":", "not JSON"),
                    Arguments.of("JSON array", "[1,2,3]", "expected a JSON object, found ARRAY"),
                    Arguments.of("JSON string", "\"backup.completed\"", "expected a JSON object, found STRING"),
                    Arguments.of("unknown type",
                            envelope(MIGRATION_ID, "backup.exploded", ",\"payload\":" + VALID_PAYLOAD),
                            "unknown event type 'backup.exploded'"),
                    Arguments.of("missing type", "{\"eventId\":\"e-1\",\"payload\":{}}", "missing field 'type'"),
                    Arguments.of("missing payload", envelope(MIGRATION_ID, "migration.requested", ""),
                            "missing field 'payload'"),
                    Arguments.of("null payload", envelope(MIGRATION_ID, "migration.requested", ",\"payload\":null"),
                            "missing field 'payload'"),
                    Arguments.of("invalid migration id",
                            envelope("../etc/passwd", "migration.requested", ",\"payload\":" + VALID_PAYLOAD),
                            "invalid migration id '../etc/passwd'"),
                    Arguments.of("payload of another type",
                            envelope(MIGRATION_ID, "backup.completed",
                                    ",\"payload\":{\"phase\":\"MIGRATION\",\"item\":\"users\",\"done\":1,\"total\":2}"),
                            "payload is not a backup.completed payload"),
                    Arguments.of("payload missing a required field",
                            envelope(MIGRATION_ID, "phase.failed", ",\"payload\":{\"phase\":\"BACKUP\"}"),
                            "'reason'"),
                    Arguments.of("payload not an object",
                            envelope(MIGRATION_ID, "migration.requested", ",\"payload\":\"go\""),
                            "payload is not a migration.requested payload"),
                    Arguments.of("unknown enum constant",
                            envelope(MIGRATION_ID, "progress",
                                    ",\"payload\":{\"phase\":\"LAUNCH\",\"item\":\"users\",\"done\":1}"),
                            "LAUNCH"),
                    Arguments.of("bad timestamp",
                            envelope(MIGRATION_ID, "migration.requested", ",\"payload\":" + VALID_PAYLOAD)
                                    .replace("2026-11-25T15:36:00Z", "yesterday"),
                            "'yesterday'"),
                    Arguments.of("attempt zero",
                            envelope(MIGRATION_ID, "migration.requested", ",\"payload\":" + VALID_PAYLOAD)
                                    .replace("\"attempt\":1", "\"attempt\":0"),
                            "attempt must be 1 or more"),
                    Arguments.of("invalid target profile",
                            envelope(MIGRATION_ID, "migration.requested",
                                    ",\"payload\":" + VALID_PAYLOAD.replace("local", "Prod DB")),
                            "invalid target profile 'Prod DB'"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidRecords")
        void isRejectedWithItsReason(String name, String record, String reason) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> EventJson.fromBytes(bytes))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining(reason);
            try (EventEnvelopeDeserializer deserializer = new EventEnvelopeDeserializer()) {
                assertThatThrownBy(() -> deserializer.deserialize(Topics.DEAD_LETTERS, bytes))
                        .isInstanceOf(InvalidEventException.class)
                        .hasMessageContaining(reason);
            }
        }

        @Test
        void nullBytesAreAnEmptyRecordForEventJson() {
            assertThatThrownBy(() -> EventJson.fromBytes(null))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("empty record");
        }

        @Test
        void theMessageNamesTheEventWhenItsIdIsKnown() {
            String record = envelope(MIGRATION_ID, "backup.exploded", ",\"payload\":{}");

            assertThatThrownBy(() -> EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8)))
                    .hasMessageStartingWith("invalid event e-1: ");
        }

        @Test
        void theValidBaseRecordIsAccepted() {
            String record = envelope(MIGRATION_ID, "migration.requested", ",\"payload\":" + VALID_PAYLOAD);

            EventEnvelope event = EventJson.fromBytes(record.getBytes(StandardCharsets.UTF_8));

            assertThat(event.type()).isEqualTo(EventType.MIGRATION_REQUESTED);
            assertThat(event.payloadAs(MigrationRequested.class).spec())
                    .isEqualTo(new RunSpec("/d", "/s", null, "local", null));
            assertThat(event.occurredAt()).isEqualTo(at(0));
        }
    }

    @Nested
    class TopicOfTheRecord {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jsonmig.events.serde.EventJsonTest#everyEventType")
        void anEventOnAnotherTypesTopicIsRejectedNamingBothTopics(EventEnvelope event) {
            String elsewhere = Topics.RUN_EVENT_TOPICS.stream().filter(t -> !t.equals(event.topic())).findFirst()
                    .orElseThrow();
            byte[] bytes = EventJson.toBytes(event);

            try (EventEnvelopeDeserializer deserializer = new EventEnvelopeDeserializer()) {
                assertThatThrownBy(() -> deserializer.deserialize(elsewhere, bytes))
                        .isInstanceOf(InvalidEventException.class)
                        .hasMessage("wrong topic: event " + event.eventId() + " is a " + event.type().wireName()
                                + ", which belongs on " + event.topic() + ", not on " + elsewhere);
            }
        }

        @Test
        void theTopicIsCheckedOnlyOnceTheRecordIsAnEvent() {
            assertThatThrownBy(() -> EventJson.fromRecord(Topics.BACKUP_COMPLETED, "{".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageStartingWith("not JSON: ");
        }
    }

    @Nested
    class EnvelopeValidation {

        @Test
        void aPayloadOfAnotherTypeIsRejected() {
            assertThatThrownBy(() -> new EventEnvelope("e-1", MIGRATION_ID, EventType.DATA_MIGRATED, at(0), 1, "cli",
                    migrationRequested()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("data.migrated cannot carry MigrationRequested");
        }

        @Test
        void theTypeFollowsThePayload() {
            for (EventEnvelope event : oneOfEach()) {
                assertThat(EventType.forPayload(event.payload())).isEqualTo(event.type());
                assertThat(event.type().payloadType()).isInstanceOf(Class.class);
                assertThat(event.type().cloudEventType()).isEqualTo("io.jsonmig." + event.type().wireName());
                assertThat(EventType.fromWireName(event.type().wireName())).isEqualTo(event.type());
            }
        }
    }

    @Nested
    class MigrationIdRules {

        @Test
        void aNewIdIsValidAndStampedWithTheClock() {
            Clock clock = Clock.fixed(Instant.parse("2026-11-25T15:36:00Z"), ZoneOffset.UTC);

            String id = MigrationIds.newId(clock);

            assertThat(id).matches("mig-20261125-153600-[0-9a-f]{4}");
            assertThat(MigrationIds.isValid(id)).isTrue();
            assertThat(MigrationIds.requireValid(id)).isEqualTo(id);
        }

        @ParameterizedTest
        @ValueSource(strings = {"mig-20261125-153600-7f3a", "abc", "0-run", "a-very-long-but-still-valid-id"})
        void acceptsSafeIds(String id) {
            assertThat(MigrationIds.requireValid(id)).isEqualTo(id);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"../x", "Mig-20261125", "MIG", "ab", "-leading-dash", "has space", "a/b", "x.json",
                "a12345678901234567890123456789012345678901234567890123456789012345"})
        void rejectsUnsafeIds(String id) {
            assertThat(MigrationIds.isValid(id)).isFalse();
            assertThatThrownBy(() -> MigrationIds.requireValid(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid migration id '" + id + "'")
                    .hasMessageContaining("a-z, 0-9 and '-'");
        }
    }

    @Nested
    class TargetProfiles {

        @ParameterizedTest
        @ValueSource(strings = {"local", "staging", "prod_eu1", "p"})
        void acceptsLowerCaseNames(String profile) {
            assertThat(RunSpec.requireValidProfile(profile)).isEqualTo(profile);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Production", "1local", "prod-eu", "../etc", "jdbc:postgresql://db/app",
                "a1234567890123456789012345678901234567890"})
        void rejectsAnythingElse(String profile) {
            assertThatThrownBy(() -> RunSpec.requireValidProfile(profile))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid target profile '" + profile + "'");
        }

        @Test
        void aRunSpecChecksItsProfile() {
            assertThatThrownBy(() -> new RunSpec("/d", "/s", null, "Prod", "alice"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid target profile 'Prod'");
        }
    }
}
