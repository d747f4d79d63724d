package io.jsonmig.notification.delivery;

import io.jsonmig.notification.subscription.Channel;

import java.util.Map;

/**
 * A delivery claimed for one attempt: the stored message and where it goes. {@code secret} is null
 * for channels that are not signed; {@code traceparent} for a message recorded outside a trace.
 */
public record PendingDelivery(long id, String subscriptionName, Channel channel, String target, WebhookSecret secret,
                              int attempt, Notification notification, String traceparent) {

    /** The receiver's idempotency key: the same for every attempt of this delivery. */
    public String deliveryId() {
        return Long.toString(id);
    }
}
