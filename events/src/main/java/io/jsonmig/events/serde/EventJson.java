package io.jsonmig.events.serde;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.EventPayload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON form of events. The envelope's {@code type} decides the payload class, so the
 * payload needs no type field of its own. Unknown fields are ignored: newer producers may add
 * fields without breaking older consumers.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /** The mapper used for events, also fine for anything that embeds them (run state, reports). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(EventEnvelope event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        }
    }

    public static String toJson(EventEnvelope event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        }
    }

    /** Reads and validates one event; every failure is an {@link InvalidEventException} naming the reason. */
    public static EventEnvelope fromBytes(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty record: expected a jsonmig event", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + describe(e), e);
        }
        if (!(tree instanceof ObjectNode node)) {
            throw new InvalidEventException("expected a JSON object, found " + tree.getNodeType(), null);
        }
        try {
            EventType type = EventType.fromWireName(text(node, "type"));
            EventPayload payload = payload(node, type);
            return new EventEnvelope(
                    text(node, "eventId"),
                    text(node, "migrationId"),
                    type,
                    Instant.parse(text(node, "occurredAt")),
                    required(node, "attempt").asInt(),
                    text(node, "producer"),
                    payload);
        } catch (InvalidEventException e) {
            throw e;
        } catch (RuntimeException e) {
            String id = node.path("eventId").asText("?");
            throw new InvalidEventException("invalid event " + id + ": " + describe(e), e);
        }
    }

    /**
     * Reads and validates one record of a topic: as {@link #fromBytes}, and the event's type must be
     * the one whose topic the record came from ({@link EventType#topic()}).
     */
    public static EventEnvelope fromRecord(String topic, byte[] json) {
        EventEnvelope event = fromBytes(json);
        if (!event.topic().equals(topic)) {
            throw new InvalidEventException("wrong topic: event " + event.eventId() + " is a " + event.type().wireName()
                    + ", which belongs on " + event.topic() + ", not on " + topic, null);
        }
        return event;
    }

    /** The payload must be an object with at least the fields its type declares required. */
    private static EventPayload payload(ObjectNode node, EventType type) {
        JsonNode payload = required(node, "payload");
        try {
            return MAPPER.treeToValue(payload, type.payloadType());
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("invalid event " + node.path("eventId").asText("?") + ": payload is not a "
                    + type.wireName() + " payload: " + describe(e), e);
        }
    }

    private static JsonNode required(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException("missing field '" + field + "'", null);
        }
        return value;
    }

    private static String text(ObjectNode node, String field) {
        return required(node, field).asText();
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return e.getMessage();
    }
}
