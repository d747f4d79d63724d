package io.jsonmig.backup.window;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventJson;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The requests that wait for their maintenance window, kept in the ledger so a restart forgets none.
 * Several instances may poll at once: each due request is claimed by one of them only.
 */
@ApplicationScoped
public class ScheduledStarts {

    private final EntityManager em;

    public ScheduledStarts(EntityManager em) {
        this.em = em;
    }

    /** Keeps the request until {@code startsAt}; recording the same event again changes nothing. */
    @Transactional
    public void record(EventEnvelope requested, Instant startsAt, Instant now) {
        em.createNativeQuery("INSERT INTO {h-schema}scheduled_start (event_id, migration_id, starts_at, recorded_at, event)"
                        + " VALUES (:eventId, :migrationId, :startsAt, :recordedAt, :event) ON CONFLICT (event_id) DO NOTHING")
                .setParameter("eventId", requested.eventId())
                .setParameter("migrationId", requested.migrationId())
                .setParameter("startsAt", Timestamp.from(startsAt))
                .setParameter("recordedAt", Timestamp.from(now))
                .setParameter("event", EventJson.toJson(requested))
                .executeUpdate();
    }

    /**
     * Takes the earliest request that is due, if any, out of the table: deleted in the same
     * transaction that locked it, so no other poller (here or in another instance) gets it too.
     */
    @Transactional
    public Optional<EventEnvelope> claimDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<String> claimed = em.createNativeQuery("DELETE FROM {h-schema}scheduled_start WHERE event_id = ("
                        + " SELECT event_id FROM {h-schema}scheduled_start WHERE starts_at <= :now"
                        + " ORDER BY starts_at, event_id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING event")
                .setParameter("now", Timestamp.from(now))
                .getResultList();
        return claimed.stream().findFirst().map(json -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** How many requests still wait. */
    @Transactional
    public long waiting() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM {h-schema}scheduled_start").getSingleResult())
                .longValue();
    }
}
