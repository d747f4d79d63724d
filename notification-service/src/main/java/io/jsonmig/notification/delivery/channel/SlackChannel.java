package io.jsonmig.notification.delivery.channel;

import io.jsonmig.events.serde.EventJson;
import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.PendingDelivery;
import io.jsonmig.notification.subscription.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * A Slack-compatible incoming webhook: {@code text} for notifications and clients without blocks,
 * and blocks: a header with the subject, a section with the text, a context line with run and
 * severity. Signed like every jsonmig webhook (Slack ignores the headers; relays may check them).
 */
@ApplicationScoped
class SlackChannel implements DeliveryChannel {

    /** Slack's limits for a header's and a section's text. */
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;

    private final SignedWebhookPost post;

    SlackChannel(SignedWebhookPost post) {
        this.post = post;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public void send(PendingDelivery delivery) throws Exception {
        post.post(delivery, body(delivery.notification()));
    }

    static ObjectNode body(Notification n) {
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("text", n.subject() + "\n" + n.text());
        var blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(n.subject(), HEADER_MAX));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", cut(n.text(), SECTION_MAX));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", (n.migrationId() == null ? "" : "Run `" + n.migrationId() + "` · ")
                        + n.severity().name().toLowerCase(Locale.ROOT) + " · " + n.kind());
        return message;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
