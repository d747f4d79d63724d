package io.jsonmig.notification.delivery.channel;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.PendingDelivery;
import io.jsonmig.notification.subscription.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** A generic JSON webhook: the notification's fields and the delivery id, signed. */
@ApplicationScoped
class WebhookChannel implements DeliveryChannel {

    private final SignedWebhookPost post;

    WebhookChannel(SignedWebhookPost post) {
        this.post = post;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(PendingDelivery delivery) throws Exception {
        post.post(delivery, body(delivery));
    }

    /** Null fields are left out, as in every jsonmig JSON. */
    static Payload body(PendingDelivery delivery) {
        Notification n = delivery.notification();
        return new Payload(delivery.deliveryId(), n.key(), n.migrationId(), n.kind(), n.eventType(),
                n.severity().name(), n.audience(), n.subject(), n.text(), n.html(), n.data());
    }

    record Payload(String deliveryId, String key, String migrationId, String kind, String eventType, String severity,
                   String audience, String subject, String text, String html, Map<String, Object> data) {
    }
}
