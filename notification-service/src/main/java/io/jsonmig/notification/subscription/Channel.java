package io.jsonmig.notification.subscription;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a subscription is told: its target is e-mail addresses, a webhook URL, or nothing for the log. */
public enum Channel {
    EMAIL("email"),
    SLACK("slack"),
    WEBHOOK("webhook"),
    LOG("log");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Slack-compatible and generic webhooks: an http(s) URL, signed with the subscription's secret. */
    public boolean isWebhook() {
        return this == SLACK || this == WEBHOOK;
    }

    public static Channel fromWireName(String wireName) {
        for (Channel channel : values()) {
            if (channel.wireName.equals(wireName)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + wireName + "': expected one of "
                + Arrays.stream(values()).map(Channel::wireName).collect(Collectors.joining(", ")));
    }
}
