package io.jsonmig.notification.plan;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Notifications;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for delivery (enabled by {@link PlanTestProfile} only): records what the plan publishes,
 * once per key as delivery would, and counts every call so a repeated key shows.
 */
@Alternative
@ApplicationScoped
public class RecordedNotifications extends Notifications {

    private final Map<String, Notification> byKey = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public RecordedNotifications() {
        super(null, null);
    }

    @Override
    public void publish(Notification notification) {
        calls.add(notification.key());
        byKey.putIfAbsent(notification.key(), notification);
    }

    public List<Notification> of(String migrationId) {
        return byKey.values().stream().filter(n -> migrationId.equals(n.migrationId())).toList();
    }

    public Notification byKey(String key) {
        return byKey.get(key);
    }

    public long callsFor(String key) {
        return calls.stream().filter(key::equals).count();
    }
}
