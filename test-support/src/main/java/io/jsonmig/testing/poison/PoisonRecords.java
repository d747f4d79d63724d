package io.jsonmig.testing.poison;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The kinds of poison a consumer of a jsonmig topic must send to the dead letters and then keep going. */
public final class PoisonRecords {

    /** The header every poison record carries beside {@code ce_id}, naming its kind. */
    public static final String KIND_HEADER = "jsonmig-test-poison";

    private PoisonRecords() {
    }

    /**
     * Every kind of poison for the topic of a valid event, each with its own key and CloudEvents id.
     *
     * @param valid an event of the topic; the poisons are variations of it, for runs of their own
     */
    public static List<PoisonRecord> like(EventEnvelope valid) {
        String topic = valid.topic();
        EventType type = valid.type();
        EventEnvelope foreign = foreignEvent(topic);
        ObjectNode envelope = envelopeLike(valid);
        return List.of(
                poison("not JSON", topic, "this is not JSON {".getBytes(StandardCharsets.UTF_8), "not JSON: "),
                poison("unknown type", topic, bytes(envelope.deepCopy().put("type", "backup.exploded")),
                        "unknown event type 'backup.exploded'"),
                missingField(topic, type, envelope),
                poison("invalid migration id", topic, bytes(envelope.deepCopy().put("migrationId", "Not A Run!")),
                        "invalid migration id 'Not A Run!'"),
                poison("a " + foreign.type().wireName() + " event", topic, EventJson.toBytes(foreign),
                        "wrong topic: event " + foreign.eventId() + " is a " + foreign.type().wireName()
                                + ", which belongs on " + foreign.topic() + ", not on " + topic));
    }

    /** The payload lacks its required fields; a payload without any lacks the envelope's event id instead. */
    private static PoisonRecord missingField(String topic, EventType type, ObjectNode envelope) {
        if (hasRequiredField(type.payloadType())) {
            ObjectNode lacking = envelope.deepCopy();
            lacking.putObject("payload");
            return poison("payload without its required fields", topic, bytes(lacking),
                    "payload is not a " + type.wireName() + " payload: Missing required creator property");
        }
        ObjectNode lacking = envelope.deepCopy();
        lacking.remove("eventId");
        return poison("envelope without event id", topic, bytes(lacking), "missing field 'eventId'");
    }

    private static PoisonRecord poison(String kind, String topic, byte[] value, String reason) {
        String key = "poison-" + UUID.randomUUID();
        return new PoisonRecord(kind, topic, key, value, Map.of("ce_id", key, KIND_HEADER, kind), reason);
    }

    private static boolean hasRequiredField(Class<? extends EventPayload> payload) {
        return Arrays.stream(payload.getRecordComponents()).map(RecordComponent::getAccessor)
                .map(accessor -> fieldAnnotation(payload, accessor.getName()))
                .anyMatch(property -> property != null && property.required());
    }

    private static JsonProperty fieldAnnotation(Class<?> payload, String field) {
        try {
            return payload.getDeclaredField(field).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid event's JSON as the event of a run of its own. */
    private static ObjectNode envelopeLike(EventEnvelope valid) {
        ObjectNode envelope = EventJson.mapper().valueToTree(valid);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("migrationId", MigrationIds.newId(Clock.systemUTC()));
        return envelope;
    }

    /** A valid event that belongs on another topic than this one. */
    private static EventEnvelope foreignEvent(String topic) {
        EventPayload payload = topic.equals(Topics.PROGRESS) ? new DriftCheckRequested(null, "poison")
                : new Progress(Phase.MIGRATION, "users", 1, 2);
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "poison", UUID.randomUUID().toString(),
                payload, Instant.now());
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
