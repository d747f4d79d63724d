package io.jsonmig.notification.plan;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Severity;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns what the plan wants to say into a rendered {@link Notification} for one audience. */
@ApplicationScoped
public class PlanMessages {

    private final NotificationTemplates templates;

    public PlanMessages(NotificationTemplates templates) {
        this.templates = templates;
    }

    /**
     * @param key  unique for this message and audience: delivery never sends a key twice to a subscription
     * @param data machine-readable facts for webhooks; {@code null} values are left out
     */
    public Notification message(String key, String migrationId, String kind, String eventType, Severity severity,
                                String audience, Object message, Map<String, Object> data) {
        NotificationTemplates.Rendered rendered = templates.render(kind, audience, message);
        Map<String, Object> facts = new LinkedHashMap<>();
        data.forEach((name, value) -> {
            if (value != null) {
                facts.put(name, value);
            }
        });
        return new Notification(key, migrationId, kind, eventType, severity, audience, rendered.subject(),
                rendered.text(), rendered.html(), facts);
    }
}
