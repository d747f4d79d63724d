package io.jsonmig.notification.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * One message for one audience, rendered and ready to deliver. The communication plan decides what
 * to say and to whom; delivery sends it to every matching subscription, once each.
 *
 * @param key         unique for this message: the same key is never delivered twice to a subscription
 *                    (e.g. {@code <eventId>/<audience>} or {@code <migrationId>/reminder/<audience>})
 * @param migrationId the run it is about
 * @param kind        {@code announcement}, {@code reminder}, {@code update}, {@code alert}, {@code summary} or {@code event}
 * @param eventType   wire name of the event that caused it (subscriptions filter on it); {@code null} for scheduled ones
 * @param severity    subscriptions filter on a minimum severity
 * @param audience    {@code operators}, {@code stakeholders}, {@code users} (named groups receive one of these)
 * @param subject     e-mail subject and webhook title
 * @param text        plain text body (e-mail, Slack {@code text}, log)
 * @param html        HTML body for e-mail; {@code null} sends text only
 * @param data        machine-readable facts for webhooks (phase, percent, figures); never secrets
 */
public record Notification(String key, String migrationId, String kind, String eventType, Severity severity,
                           String audience, String subject, String text, String html, Map<String, Object> data) {

    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
