package io.jsonmig.notification.delivery;

import io.jsonmig.notification.subscription.Subscription;
import io.jsonmig.notification.subscription.Subscriptions;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Where the communication plan hands its messages: each is recorded once per matching subscription
 * in the delivery ledger and sent by the delivery worker, so a slow or failing channel never holds
 * up the events or the other channels.
 */
@ApplicationScoped
public class Notifications {

    private final Subscriptions subscriptions;
    private final DeliveryLedger ledger;

    public Notifications(Subscriptions subscriptions, DeliveryLedger ledger) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
    }

    /** Records the deliveries of a message; a key already recorded for a subscription is ignored. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void publish(Notification notification) {
        List<Subscription> matching = subscriptions.matching(notification);
        for (Subscription subscription : matching) {
            ledger.record(subscription, notification);
        }
        Log.debugf("[%s] %s %s for %s: %d subscription(s)", notification.migrationId(), notification.kind(),
                notification.key(), notification.audience(), matching.size());
    }
}
