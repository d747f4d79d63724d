package io.jsonmig.notification.plan;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders a message from {@code templates/notifications/}: for each part (subject, plain text,
 * HTML) {@code <kind>.<audience>.<part>} if it exists, else {@code <kind>.<part>}. HTML templates
 * escape every value (Qute escapes by the {@code .html} suffix); a kind without an HTML template is
 * sent as text only.
 */
@ApplicationScoped
public class NotificationTemplates {

    private static final String ROOT = "notifications/";

    private final Engine engine;

    public NotificationTemplates(Engine engine) {
        this.engine = engine;
    }

    public Rendered render(String kind, String audience, Object message) {
        String subject = require(kind, audience, "subject.txt").data("m", message).render().strip();
        String text = require(kind, audience, "txt").data("m", message).render().strip() + "\n";
        Template html = find(kind, audience, "html");
        return new Rendered(subject, text, html == null ? null : html.data("m", message).render());
    }

    private Template require(String kind, String audience, String part) {
        Template template = find(kind, audience, part);
        if (template == null) {
            throw new IllegalStateException("no template " + ROOT + kind + "." + part + " (nor one for " + audience + ")");
        }
        return template;
    }

    private Template find(String kind, String audience, String part) {
        Template specific = engine.getTemplate(ROOT + kind + "." + audience + "." + part);
        return specific != null ? specific : engine.getTemplate(ROOT + kind + "." + part);
    }

    /** A rendered message; {@code html} is {@code null} when the kind has no HTML template. */
    public record Rendered(String subject, String text, String html) {
    }
}
