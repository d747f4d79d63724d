package io.jsonmig.notification.timeline;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** One event of a run as received, stored once by its id; the whole event is kept as JSON. */
@Entity
@Table(name = "run_event")
public class RunEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    /** The wire name, e.g. {@code backup.completed}. */
    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String producer;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String event;

    static RunEvent of(EventEnvelope envelope) {
        RunEvent stored = new RunEvent();
        stored.eventId = envelope.eventId();
        stored.migrationId = envelope.migrationId();
        stored.type = envelope.type().wireName();
        stored.occurredAt = envelope.occurredAt();
        stored.producer = envelope.producer();
        stored.attempt = envelope.attempt();
        stored.event = EventJson.toJson(envelope);
        return stored;
    }

    EventEnvelope envelope() {
        return EventJson.fromBytes(event.getBytes(StandardCharsets.UTF_8));
    }

    static List<RunEvent> ofRun(String migrationId) {
        return list("migrationId", migrationId);
    }
}
