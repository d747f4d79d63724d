package io.jsonmig.notification.subscription;

import io.jsonmig.notification.delivery.Severity;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as shown over REST: everything but the secret, of which only its presence is told.
 * A Slack incoming-webhook URL is a credential in itself (its path), so only its origin is shown.
 */
public record SubscriptionView(String name, String audience, Channel channel, String target, List<String> events,
                               Severity minSeverity, String migrationId, boolean hasSecret, String source,
                               Instant createdAt, Instant updatedAt) {

    static SubscriptionView of(Subscription subscription) {
        return new SubscriptionView(subscription.name, subscription.audience, subscription.channel,
                shownTarget(subscription), subscription.eventTypes(), subscription.minSeverity, subscription.migrationId,
                subscription.secret != null, subscription.source, subscription.createdAt, subscription.updatedAt);
    }

    private static String shownTarget(Subscription subscription) {
        if (subscription.channel != Channel.SLACK) {
            return subscription.target;
        }
        URI url = URI.create(subscription.target);
        return url.getScheme() + "://" + url.getRawAuthority() + "/…";
    }
}
