package io.jsonmig.notification.delivery;

import io.jsonmig.events.serde.EventJson;
import io.jsonmig.notification.subscription.Channel;
import io.jsonmig.notification.subscription.Subscription;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import io.jsonmig.support.tracing.RunTraces;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery ledger: every message for every subscription, with its status and attempts. A row
 * is claimed for an attempt by moving its next attempt past the send timeout (a lease), so an
 * instance that dies mid-send leaves it to be retried, and instances never send the same row at once.
 */
@ApplicationScoped
class DeliveryLedger {

    /** Longer than any send, so a claimed row is not claimed again while its attempt runs. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 500;

    private final EntityManager entityManager;
    private final DeliveryConfig config;
    private final Clock clock;
    private final RunTraces traces;

    DeliveryLedger(EntityManager entityManager, DeliveryConfig config, Clock clock, RunTraces traces) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.traces = traces;
    }

    /** One pending row; nothing if the subscription has had this message already. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(Subscription subscription, Notification n) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                        INSERT INTO {h-schema}delivery (subscription_id, subscription_name, notification_key,
                            migration_id, kind, event_type, severity, audience, channel, status, attempts,
                            next_attempt_at, created_at, subject, text, html, data, traceparent)
                        VALUES (:subscription, :name, :key, :migrationId, :kind, :eventType, :severity, :audience,
                            :channel, 'PENDING', 0, :now, :now, :subject, :text, :html, cast(:data as jsonb),
                            :traceparent)
                        ON CONFLICT (subscription_id, notification_key) DO NOTHING""")
                .setParameter("subscription", subscription.id)
                .setParameter("name", subscription.name)
                .setParameter("key", n.key())
                .setParameter("migrationId", n.migrationId())
                .setParameter("kind", n.kind())
                .setParameter("eventType", n.eventType())
                .setParameter("severity", n.severity().name())
                .setParameter("audience", n.audience())
                .setParameter("channel", subscription.channel.wireName())
                .setParameter("now", now)
                .setParameter("subject", n.subject())
                .setParameter("text", n.text())
                .setParameter("html", n.html())
                .setParameter("data", json(n.data()))
                .setParameter("traceparent", traces.currentTraceparent().orElse(null))
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} due deliveries for an attempt each; rows other instances hold are
     * skipped. A run's messages to one subscription go out one after the other, in the order they were
     * recorded (the order of the run's events): one still pending, also while it waits for a retry,
     * holds the later ones back. Pending deliveries of deleted subscriptions are given up.
     */
    @Transactional
    List<PendingDelivery> claimDue(int limit) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("UPDATE {h-schema}delivery SET status = 'FAILED',"
                        + " last_error = 'subscription deleted' WHERE status = 'PENDING' AND subscription_id IS NULL")
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery("""
                        SELECT id FROM {h-schema}delivery d
                        WHERE status = 'PENDING' AND next_attempt_at <= :now AND subscription_id IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM {h-schema}delivery earlier
                                          WHERE earlier.subscription_id = d.subscription_id
                                            AND earlier.migration_id = d.migration_id
                                            AND earlier.status = 'PENDING' AND earlier.id < d.id)
                        ORDER BY next_attempt_at, id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        List<PendingDelivery> claimed = new ArrayList<>();
        Instant leaseEnd = now.plus(config.sendTimeout()).plus(LEASE_MARGIN);
        for (Number id : ids) {
            Delivery delivery = Delivery.findById(id.longValue());
            Subscription subscription = Subscription.findById(delivery.subscriptionId);
            delivery.attempts++;
            delivery.nextAttemptAt = leaseEnd;
            claimed.add(new PendingDelivery(delivery.id, subscription.name, Channel.fromWireName(delivery.channel),
                    subscription.target, subscription.secret == null ? null : new WebhookSecret(subscription.secret),
                    delivery.attempts, notification(delivery), delivery.traceparent));
        }
        return claimed;
    }

    @Transactional
    void sent(long id) {
        Delivery delivery = Delivery.findById(id);
        delivery.status = DeliveryStatus.SENT;
        delivery.sentAt = clock.instant();
        delivery.lastError = null;
    }

    /**
     * Records a failed attempt: retried after the initial delay doubled per attempt so far (at most
     * the maximum delay), or, after the last attempt, FAILED for good.
     *
     * @return whether another attempt will be made
     */
    @Transactional
    boolean failed(long id, String error) {
        Delivery delivery = Delivery.findById(id);
        delivery.lastError = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        if (delivery.attempts >= config.maxAttempts()) {
            delivery.status = DeliveryStatus.FAILED;
            return false;
        }
        delivery.nextAttemptAt = clock.instant().plus(backoff(delivery.attempts));
        return true;
    }

    Duration backoff(int attemptsSoFar) {
        Duration delay = config.initialDelay();
        for (int i = 1; i < attemptsSoFar && delay.compareTo(config.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    @Transactional
    List<DeliveryView> list(String migrationId, DeliveryStatus status, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (migrationId != null) {
            query.append(" and migrationId = :migrationId");
            parameters.and("migrationId", migrationId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return Delivery.<Delivery>find(query.toString(), Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                        parameters)
                .page(0, limit).list().stream().map(DeliveryView::of).toList();
    }

    private static Notification notification(Delivery d) {
        return new Notification(d.notificationKey, d.migrationId, d.kind, d.eventType, d.severity, d.audience,
                d.subject, d.text, d.html, data(d.data));
    }

    private static String json(Map<String, Object> data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification data is not writable as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static Map<String, Object> data(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<HashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification data is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
