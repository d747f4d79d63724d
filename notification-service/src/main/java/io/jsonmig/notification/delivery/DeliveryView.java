package io.jsonmig.notification.delivery;

import java.time.Instant;

/** A delivery as operators see it: what, to which subscription, how it went. Never the target's secret. */
public record DeliveryView(long id, String subscription, String key, String migrationId, String kind,
                           String eventType, Severity severity, String audience, String channel, String subject,
                           DeliveryStatus status, int attempts, Instant nextAttemptAt, String lastError,
                           Instant createdAt, Instant sentAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id, d.subscriptionName, d.notificationKey, d.migrationId, d.kind, d.eventType,
                d.severity, d.audience, d.channel, d.subject, d.status, d.attempts,
                d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null, d.lastError, d.createdAt, d.sentAt);
    }
}
