package io.jsonmig.notification.plan;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Severity;

import io.jsonmig.notification.status.StatusConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns what the plan wants to say into a rendered {@link Notification} for one audience. */
@ApplicationScoped
public class PlanMessages {

    private final NotificationTemplates templates;
    private final StatusConfig status;

    public PlanMessages(NotificationTemplates templates, StatusConfig status) {
        this.templates = templates;
        this.status = status;
    }

    /**
     * @param key  unique for this message and audience: delivery never sends a key twice to a subscription
     * @param data machine-readable facts for webhooks; {@code null} values are left out
     */
    public Notification message(String key, String migrationId, String kind, String eventType, Severity severity,
                                String audience, Object message, Map<String, Object> data) {
        NotificationTemplates.Rendered rendered = templates.render(kind, audience, message);
        // Every message of a run links the run's live status page.
        String page = migrationId == null ? null : status.pageOf(migrationId);
        String text = page == null ? rendered.text() : rendered.text() + "\nFollow the run live: " + page + "\n";
        String html = page == null || rendered.html() == null ? rendered.html()
                : withLink(rendered.html(), page);
        Map<String, Object> facts = new LinkedHashMap<>();
        data.forEach((name, value) -> {
            if (value != null) {
                facts.put(name, value);
            }
        });
        if (page != null) {
            facts.put("statusPage", page);
        }
        return new Notification(key, migrationId, kind, eventType, severity, audience, rendered.subject(),
                text, html, facts);
    }

    private static String withLink(String html, String page) {
        String escaped = page.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        String link = "<p><a href=\"" + escaped + "\">Follow the run live</a></p>\n";
        int end = html.lastIndexOf("</body>");
        return end < 0 ? html + link : html.substring(0, end) + link + html.substring(end);
    }
}
