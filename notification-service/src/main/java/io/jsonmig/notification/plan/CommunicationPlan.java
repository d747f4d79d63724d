package io.jsonmig.notification.plan;

import io.jsonmig.events.EventType;
import io.jsonmig.notification.delivery.Notifications;
import io.jsonmig.notification.timeline.RunUpdated;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The plan's reaction to each newly stored event, once it is committed: announcements, alerts,
 * summaries and operators' event notices, handed to delivery. Reminders and status updates come
 * from {@link PlanSchedule}.
 */
@ApplicationScoped
public class CommunicationPlan {

    private final EventMessages eventMessages;
    private final Notifications notifications;

    public CommunicationPlan(EventMessages eventMessages, Notifications notifications) {
        this.eventMessages = eventMessages;
        this.notifications = notifications;
    }

    void onRunUpdated(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunUpdated update) {
        if (update.event().type() == EventType.PROGRESS) {
            return;
        }
        try {
            // A transaction of its own: the one that stored the event has ended, and delivery records
            // all messages of the event together or none.
            QuarkusTransaction.requiringNew().run(() ->
                    eventMessages.about(update.event(), update.state()).forEach(notifications::publish));
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] the notifications about %s %s could not be recorded", update.migrationId(),
                    update.event().type().wireName(), update.event().eventId());
        }
    }
}
