package io.jsonmig.notification.plan;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.serde.EventJson;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reads back a run's stored events for the figures the folded state does not keep (report link, load time). */
@ApplicationScoped
public class StoredEvents {

    private final EntityManager em;

    public StoredEvents(EntityManager em) {
        this.em = em;
    }

    /** The latest stored event of a type of the run; call within a transaction. */
    public Optional<EventEnvelope> latest(String migrationId, EventType type) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT cast(event AS text) FROM {h-schema}run_event"
                        + " WHERE migration_id = :id AND type = :type ORDER BY occurred_at DESC LIMIT 1")
                .setParameter("id", migrationId)
                .setParameter("type", type.wireName())
                .getResultList();
        return rows.stream().findFirst()
                .map(json -> EventJson.fromBytes(json.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
