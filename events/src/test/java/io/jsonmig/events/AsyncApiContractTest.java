package io.jsonmig.events;

import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code asyncapi.yaml} in step with the code: a topic, event type, record component or enum
 * constant added to the Java contract and not to the document (or the other way round) fails here.
 */
class AsyncApiContractTest {

    private static final String SCHEMAS = "#/components/schemas/";

    /** Who publishes each event type, as the services are built. */
    private static final Map<EventType, Set<String>> SENDERS = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.MIGRATION_REQUESTED, Set.of("cli")),
            Map.entry(EventType.BACKUP_COMPLETED, Set.of("backup-service")),
            Map.entry(EventType.DATA_MIGRATED, Set.of("migration-service")),
            Map.entry(EventType.VERIFICATION_PASSED, Set.of("verification-service")),
            Map.entry(EventType.VERIFICATION_FAILED, Set.of("verification-service")),
            Map.entry(EventType.CUTOVER_READY, Set.of("backup-service")),
            Map.entry(EventType.PHASE_FAILED, Set.of("backup-service", "migration-service", "verification-service")),
            Map.entry(EventType.ROLLBACK_REQUESTED,
                    Set.of("backup-service", "migration-service", "verification-service", "cli")),
            Map.entry(EventType.ROLLBACK_STEP_COMPLETED,
                    Set.of("backup-service", "migration-service", "verification-service")),
            Map.entry(EventType.DATASOURCE_REVERTED, Set.of("backup-service")),
            Map.entry(EventType.PROGRESS, Set.of("backup-service", "migration-service", "verification-service")),
            Map.entry(EventType.DRIFT_CHECK_REQUESTED, Set.of("operator")),
            Map.entry(EventType.DRIFT_CHECKED, Set.of("backup-service")),
            Map.entry(EventType.RETRY_REQUESTED, Set.of("cli")),
            Map.entry(EventType.DRY_RUN_COMPLETED, Set.of("migration-service")),
            Map.entry(EventType.RUN_FINALIZED, Set.of("notification-service", "cli")),
            Map.entry(EventType.REVERSE_SYNC_EXPORTED, Set.of("migration-service")),
            Map.entry(EventType.REVERSE_SYNC_VERIFIED, Set.of("verification-service")),
            Map.entry(EventType.STABILIZATION_BASELINED, Set.of("verification-service")),
            Map.entry(EventType.STABILIZATION_CHECKED, Set.of("verification-service"))));

    private static JsonNode doc;

    @BeforeAll
    static void readDocument() throws IOException {
        Path file = Path.of("asyncapi.yaml");
        assertThat(file).as("asyncapi.yaml in the module directory (surefire's working directory)").isRegularFile();
        doc = new YAMLMapper().readTree(file.toFile());
    }

    // ---- navigation ----

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            assertThat(ref).as("only local references").startsWith("#/");
            JsonNode target = doc.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
            current = target;
        }
        return current;
    }

    private static JsonNode schema(String name) {
        JsonNode schema = doc.path("components").path("schemas").path(name);
        assertThat(schema.isObject()).as("components.schemas.%s", name).isTrue();
        return schema;
    }

    private static Map.Entry<String, JsonNode> channelFor(String topic) {
        List<Map.Entry<String, JsonNode>> matches = new ArrayList<>();
        doc.path("channels").properties().forEach(e -> {
            if (topic.equals(e.getValue().path("address").asText())) {
                matches.add(e);
            }
        });
        assertThat(matches).as("channels with address %s", topic).hasSize(1);
        return matches.get(0);
    }

    private static Set<String> propertyNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- document ----

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("defaultContentType").asText()).isEqualTo("application/json");
    }

    @Test
    void everyReferenceResolves() {
        List<JsonNode> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        refs.forEach(AsyncApiContractTest::resolve);
    }

    private static void collectRefs(JsonNode node, List<JsonNode> refs) {
        if (node.has("$ref")) {
            refs.add(node);
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    // ---- channels ----

    static Stream<String> everyTopic() {
        return Stream.concat(Topics.RUN_EVENT_TOPICS.stream(), Stream.of(Topics.DEAD_LETTERS));
    }

    @ParameterizedTest
    @MethodSource("everyTopic")
    void everyTopicHasAChannel(String topic) {
        assertThat(channelFor(topic).getValue().path("messages").size()).isEqualTo(1);
    }

    @Test
    void everyChannelIsATopicOfTheCode() {
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").elements().forEachRemaining(c -> addresses.add(c.path("address").asText()));

        assertThat(addresses).isEqualTo(everyTopic().collect(Collectors.toCollection(TreeSet::new)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theChannelOfEachTypeCarriesItsEnvelopeHeadersAndKey(EventType type) {
        JsonNode message = resolve(channelFor(type.topic()).getValue().path("messages").elements().next());

        assertThat(message.path("name").asText()).isEqualTo(type.wireName());
        assertThat(message.path("contentType").asText()).isEqualTo("application/json");

        JsonNode headers = message.path("headers").path("allOf");
        assertThat(resolve(headers.get(0))).isSameAs(schema("CloudEventHeaders"));
        assertThat(headers.get(1).path("properties").path("ce_type").path("const").asText())
                .isEqualTo(type.cloudEventType());

        JsonNode payload = message.path("payload").path("allOf");
        assertThat(resolve(payload.get(0))).isSameAs(schema("EventEnvelope"));
        JsonNode specific = payload.get(1).path("properties");
        assertThat(specific.path("type").path("const").asText()).isEqualTo(type.wireName());
        assertThat(specific.path("payload").path("$ref").asText())
                .isEqualTo(SCHEMAS + type.payloadType().getSimpleName());

        assertThat(resolve(resolve(message.path("bindings")).path("kafka").path("key")))
                .as("the record key is the migration id").isSameAs(schema("MigrationId"));
    }

    @Test
    void theCloudEventHeadersAreTheBinaryModeAttributes() {
        JsonNode headers = schema("CloudEventHeaders");

        assertThat(texts(headers.path("required")))
                .containsExactlyInAnyOrder("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion");
        assertThat(headers.path("properties").path("ce_specversion").path("const").asText()).isEqualTo("1.0");
        assertThat(headers.path("properties").path("ce_type").path("pattern").asText())
                .startsWith("^" + EventType.CLOUD_EVENT_TYPE_PREFIX.replace(".", "\\."));
    }

    // ---- operations ----

    private record Operation(String service, String action, String channelRef) {
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        doc.path("operations").elements().forEachRemaining(op -> operations.add(new Operation(
                op.path("tags").path(0).path("name").asText(), op.path("action").asText(),
                op.path("channel").path("$ref").asText())));
        return operations;
    }

    private static Set<String> services(String channelRef, String action) {
        return operations().stream().filter(o -> o.channelRef().equals(channelRef) && o.action().equals(action))
                .map(Operation::service).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachTypeIsSentByTheServicesThatProduceIt(EventType type) {
        String channelRef = "#/channels/" + channelFor(type.topic()).getKey();

        assertThat(services(channelRef, "send")).isEqualTo(new TreeSet<>(SENDERS.get(type)));
    }

    @ParameterizedTest
    @MethodSource("everyTopic")
    void theNotificationServiceAndTheCliReceiveEveryTopic(String topic) {
        String channelRef = "#/channels/" + channelFor(topic).getKey();

        assertThat(services(channelRef, "receive")).contains("notification-service", "cli");
    }

    @Test
    void theServicesReceiveWhatTriggersThem() {
        Map<String, Set<String>> received = operations().stream().filter(o -> o.action().equals("receive"))
                .collect(Collectors.groupingBy(Operation::service, Collectors.mapping(
                        o -> resolve(doc.at(o.channelRef().substring(1))).path("address").asText(),
                        Collectors.toCollection(TreeSet::new))));

        assertThat(received.get("backup-service"))
                .containsExactlyInAnyOrder(Topics.MIGRATION_REQUESTED, Topics.ROLLBACK_STEP_COMPLETED,
                        Topics.DRIFT_CHECK_REQUESTED, Topics.VERIFICATION_PASSED, Topics.RETRY_REQUESTED,
                        Topics.REVERSE_SYNC_VERIFIED);
        assertThat(received.get("migration-service"))
                .containsExactlyInAnyOrder(Topics.BACKUP_COMPLETED, Topics.ROLLBACK_REQUESTED,
                        Topics.VERIFICATION_PASSED);
        assertThat(received.get("verification-service")).containsExactlyInAnyOrder(Topics.DATA_MIGRATED,
                Topics.ROLLBACK_REQUESTED, Topics.REVERSE_SYNC_EXPORTED, Topics.MIGRATION_REQUESTED,
                Topics.CUTOVER_READY, Topics.RUN_FINALIZED);
    }

    @Test
    void everyOperationPointsAtAChannelAndOneOfItsMessages() {
        doc.path("operations").properties().forEach(e -> {
            JsonNode op = e.getValue();
            assertThat(op.path("action").asText()).as(e.getKey()).isIn("send", "receive");
            String channelRef = op.path("channel").path("$ref").asText();
            assertThat(channelRef).as(e.getKey()).startsWith("#/channels/");
            resolve(op.path("channel"));
            for (JsonNode message : op.path("messages")) {
                assertThat(message.path("$ref").asText()).as(e.getKey()).startsWith(channelRef + "/messages/");
                resolve(message);
            }
        });
    }

    // ---- schemas ----

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachPayloadSchemaListsExactlyTheComponentsOfItsRecord(EventType type) {
        Class<? extends EventPayload> record = type.payloadType();
        JsonNode schema = schema(record.getSimpleName());

        assertRecordMatches(record, schema);

        Set<String> required = Arrays.stream(record.getRecordComponents())
                .filter(c -> {
                    JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
                    return property != null && property.required();
                })
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(texts(schema.path("required"))).as("required fields of %s", record.getSimpleName())
                .isEqualTo(required);
    }

    @ParameterizedTest
    @ValueSource(classes = {EventEnvelope.class, RunSpec.class, MaintenanceWindow.class, RejectThreshold.class,
            SnapshotSummary.class,
            SnapshotStorage.class, TableLoad.class, CollectionCheck.class, FileDrift.class,
            io.jsonmig.events.payload.SmokeCheck.class, io.jsonmig.events.payload.Stabilization.class,
            io.jsonmig.events.payload.WriteFence.class, io.jsonmig.events.payload.CollectionSync.class,
            io.jsonmig.events.payload.BaselineSettings.class, io.jsonmig.events.payload.RollbackOn.class,
            io.jsonmig.events.payload.ProbeBaseline.class, io.jsonmig.events.payload.ProbeResult.class,
            io.jsonmig.events.payload.DatabaseHealth.class, io.jsonmig.events.payload.SlowStatement.class,
            io.jsonmig.events.payload.StabilizationAlert.class})
    void eachNestedSchemaListsExactlyTheComponentsOfItsRecord(Class<?> record) {
        assertRecordMatches(record, schema(record.getSimpleName()));
    }

    @Test
    void theEnumsListTheirConstants() {
        assertThat(texts(schema("Phase").path("enum")))
                .isEqualTo(Arrays.stream(Phase.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(texts(schema("RollbackTrigger").path("enum")))
                .isEqualTo(Arrays.stream(RollbackTrigger.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(texts(schema("Finalization").path("enum"))).isEqualTo(Arrays.stream(
                io.jsonmig.events.payload.Finalization.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(texts(schema("StabilizationMode").path("enum"))).isEqualTo(Arrays.stream(
                io.jsonmig.events.payload.StabilizationMode.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(texts(schema("EventType").path("enum"))).as("event types travel as their wire names")
                .isEqualTo(Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet()));
    }

    @Test
    void theMaintenanceWindowIsRequiredWhole() {
        assertThat(texts(schema("MaintenanceWindow").path("required")))
                .containsExactlyInAnyOrder("scheduledAt", "expectedDowntime");
        assertThat(texts(schema("RunSpec").path("required"))).doesNotContain("maintenanceWindow");
    }

    @Test
    void theMigrationIdPatternIsTheCodesRule() {
        String pattern = schema("MigrationId").path("pattern").asText();

        for (String id : List.of("mig-20261125-153600-7f3a", "abc", "../x", "", "MIG-1", "ab")) {
            assertThat(id.matches(pattern.replaceAll("^\\^|\\$$", ""))).as(id).isEqualTo(MigrationIds.isValid(id));
        }
    }

    private static void assertRecordMatches(Class<?> record, JsonNode schema) {
        assertThat(record.isRecord()).isTrue();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(propertyNames(schema.path("properties"))).as("properties of %s", record.getSimpleName())
                .isEqualTo(componentNames(record));
        Set<String> required = new HashSet<>(texts(schema.path("required")));
        assertThat(componentNames(record)).as("required fields of %s are properties", record.getSimpleName())
                .containsAll(required);
        for (RecordComponent component : record.getRecordComponents()) {
            assertTypeMatches(record.getSimpleName() + "." + component.getName(), component.getGenericType(),
                    schema.path("properties").path(component.getName()));
        }
    }

    /** The JSON Jackson writes for a Java type: strings, integers, booleans, arrays, maps and named schemas. */
    private static void assertTypeMatches(String where, Type javaType, JsonNode property) {
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        JsonNode resolved = resolve(property);
        if (raw.isEnum() || raw.isRecord() || raw == Instant.class || raw == Duration.class) {
            assertThat(property.path("$ref").asText()).as(where).isEqualTo(SCHEMAS + raw.getSimpleName());
            if (raw == Instant.class) {
                assertThat(resolved.path("format").asText()).as(where).isEqualTo("date-time");
            }
            if (raw == Duration.class) {
                assertThat(resolved.path("format").asText()).as(where).isEqualTo("duration");
            }
        } else if (raw == String.class) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("string");
        } else if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("integer");
            assertThat(resolved.path("format").asText()).as(where)
                    .isEqualTo(raw == int.class || raw == Integer.class ? "int32" : "int64");
        } else if (raw == double.class || raw == Double.class) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("number");
            assertThat(resolved.path("format").asText()).as(where).isEqualTo("double");
        } else if (raw == boolean.class || raw == Boolean.class) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("boolean");
        } else if (List.class.isAssignableFrom(raw)) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("array");
            assertTypeMatches(where + "[]", ((ParameterizedType) javaType).getActualTypeArguments()[0],
                    resolved.path("items"));
        } else if (Map.class.isAssignableFrom(raw)) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("object");
            assertTypeMatches(where + "{}", ((ParameterizedType) javaType).getActualTypeArguments()[1],
                    resolved.path("additionalProperties"));
        } else if (raw == EventPayload.class) {
            assertThat(resolved.path("type").asText()).as(where).isEqualTo("object");
        } else {
            throw new AssertionError(where + ": no rule for " + javaType + "; extend assertTypeMatches");
        }
    }
}
