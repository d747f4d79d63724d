package io.jsonmig.events;

import io.jsonmig.events.payload.EventPayload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event of a run. The JSON body of every jsonmig Kafka record; the same attributes also travel
 * as CloudEvents headers ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_subject},
 * {@code ce_time}) for tools that only look at headers.
 *
 * @param eventId     deterministic for a migration, event type, attempt and step: publishing the
 *                    same step again (after a crash, say) produces the same id, so consumers can
 *                    drop the duplicate
 * @param migrationId the run; also the Kafka record key
 * @param type        what happened; decides the payload type and the topic
 * @param occurredAt  when the producer observed it
 * @param attempt     1 for the first try of the run, incremented by a retry
 * @param producer    the service or tool that published it, e.g. {@code backup-service}
 * @param payload     the typed details
 */
public record EventEnvelope(
        String eventId,
        String migrationId,
        EventType type,
        Instant occurredAt,
        int attempt,
        String producer,
        EventPayload payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        MigrationIds.requireValid(migrationId);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(payload, "payload");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("event type " + type.wireName() + " cannot carry "
                    + payload.getClass().getSimpleName());
        }
    }

    /**
     * An event whose id derives from what it reports: the same migration, type, attempt and step
     * always give the same id.
     *
     * @param step distinguishes several events of one type in one attempt (for example the
     *             compensating service of a rollback step, or a progress counter); may be empty
     */
    public static EventEnvelope of(String migrationId, int attempt, String producer, String step,
                                   EventPayload payload, Instant occurredAt) {
        EventType type = EventType.forPayload(payload);
        return new EventEnvelope(deterministicId(migrationId, type, attempt, step), migrationId, type,
                occurredAt, attempt, producer, payload);
    }

    public static String deterministicId(String migrationId, EventType type, int attempt, String step) {
        String name = migrationId + '|' + type.wireName() + '|' + attempt + '|' + (step == null ? "" : step);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String topic() {
        return type.topic();
    }

    @SuppressWarnings("unchecked")
    public <P extends EventPayload> P payloadAs(Class<P> payloadType) {
        return (P) payloadType.cast(payload);
    }
}
