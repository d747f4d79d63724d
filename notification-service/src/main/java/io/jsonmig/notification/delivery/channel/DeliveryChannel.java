package io.jsonmig.notification.delivery.channel;

import io.jsonmig.notification.delivery.PendingDelivery;
import io.jsonmig.notification.subscription.Channel;

/** Sends one delivery; returning means sent, throwing means this attempt failed (the message says why). */
public interface DeliveryChannel {

    Channel channel();

    void send(PendingDelivery delivery) throws Exception;
}
