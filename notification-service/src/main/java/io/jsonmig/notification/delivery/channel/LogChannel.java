package io.jsonmig.notification.delivery.channel;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.PendingDelivery;
import io.jsonmig.notification.subscription.Channel;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** One log line per message. */
@ApplicationScoped
class LogChannel implements DeliveryChannel {

    @Override
    public Channel channel() {
        return Channel.LOG;
    }

    @Override
    public void send(PendingDelivery delivery) {
        Notification n = delivery.notification();
        Log.infof("[%s] %s %s for %s (%s): %s: %s", n.migrationId(), n.severity(), n.kind(), n.audience(),
                delivery.subscriptionName(), n.subject(), n.text().strip().replaceAll("\\s*\\R\\s*", " / "));
    }
}
