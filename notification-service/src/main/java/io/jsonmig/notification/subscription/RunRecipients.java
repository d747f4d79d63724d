package io.jsonmig.notification.subscription;

import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.notification.delivery.Severity;
import io.jsonmig.notification.timeline.RunUpdated;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The e-mail addresses a run names for itself ({@link RunSpec#recipients()}): each address of each
 * audience becomes an e-mail subscription limited to that run (source {@code run}), so it hears that
 * audience's messages of the run — announcement, reminder, updates, alerts, summary — and of no other.
 *
 * <p>They are created in the transaction that stores the run's event, before any message about it
 * is recorded, from whichever event first makes the run's spec known (normally its
 * {@code migration.requested}; the spec travels with every phase event). Their names are derived from
 * the run, audience and address, so an event delivered again, a later event with the same spec or a
 * retry creates none twice; a retry's spec may add addresses. They stay after the run, read-only:
 * the record of who was told, and the owner of the deliveries still pending when the run ends.
 */
@ApplicationScoped
public class RunRecipients {

    private final Clock clock;

    RunRecipients(Clock clock) {
        this.clock = clock;
    }

    /** In the transaction that stores the event (the run's row is locked, so runs' events come one at a time). */
    void subscribe(@Observes RunUpdated update) {
        RunSpec spec = update.state().spec();
        if (update.event().type() == EventType.PROGRESS || spec == null || spec.recipients().isEmpty()) {
            return;
        }
        String migrationId = update.migrationId();
        Set<String> existing = Subscription.<Subscription>list("source = ?1 and migrationId = ?2",
                Subscription.SOURCE_RUN, migrationId).stream().map(s -> s.name).collect(Collectors.toSet());
        int created = 0;
        for (Map.Entry<String, List<String>> audience : spec.recipients().entrySet()) {
            for (String address : audience.getValue()) {
                String name = nameOf(migrationId, audience.getKey(), address);
                if (existing.add(name) && subscribe(name, migrationId, audience.getKey(), address)) {
                    created++;
                }
            }
        }
        if (created > 0) {
            Log.infof("[%s] %d e-mail recipient(s) of the run subscribed to its messages", migrationId, created);
        }
    }

    /** {@code run:<migrationId>:<audience>:<address>}: no name given over REST or in configuration has a colon. */
    static String nameOf(String migrationId, String audience, String address) {
        return "run:" + migrationId + ":" + audience + ":" + address.toLowerCase(Locale.ROOT);
    }

    private boolean subscribe(String name, String migrationId, String audience, String address) {
        String target;
        try {
            target = SubscriptionValidator.emailAddress(address);
        } catch (InvalidSubscriptionException invalid) {
            // the run spec's own check is looser than the subscriptions' one
            Log.warnf("[%s] a recipient of audience %s is not an e-mail address this service sends to: skipped",
                    migrationId, audience);
            return false;
        }
        Subscription subscription = new Subscription();
        subscription.show(new SubscriptionSpec(name, audience, Channel.EMAIL, target, List.of(), Severity.INFO,
                migrationId, null), Subscription.SOURCE_RUN, clock.instant());
        subscription.persist();
        return true;
    }
}
