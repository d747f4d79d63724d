package io.jsonmig.notification.subscription;

import io.jsonmig.notification.delivery.Severity;

import java.time.Instant;
import java.util.List;

/** A subscription as shown over REST: everything but the secret, of which only its presence is told. */
public record SubscriptionView(String name, String audience, Channel channel, String target, List<String> events,
                               Severity minSeverity, String migrationId, boolean hasSecret, String source,
                               Instant createdAt, Instant updatedAt) {

    static SubscriptionView of(Subscription subscription) {
        return new SubscriptionView(subscription.name, subscription.audience, subscription.channel,
                subscription.target, subscription.eventTypes(), subscription.minSeverity, subscription.migrationId,
                subscription.secret != null, subscription.source, subscription.createdAt, subscription.updatedAt);
    }
}
