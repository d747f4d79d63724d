package io.jsonmig.notification.subscription;

import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.notification.delivery.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks every field of a subscription that comes from outside; each error names its field. */
@ApplicationScoped
public class SubscriptionValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@,;<>()\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private static final int MIN_SECRET_LENGTH = 16;

    private final WebhookConfig webhooks;

    /** Whether e-mail subscriptions (and so the mail channel) take this address. */
    public static boolean isEmailAddress(String address) {
        return address != null && EMAIL.matcher(address).matches();
    }

    SubscriptionValidator(WebhookConfig webhooks) {
        this.webhooks = webhooks;
    }

    SubscriptionSpec validate(SubscriptionRequest request) {
        String name = require("name", request.name());
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSubscriptionException("name", "invalid name '" + name
                    + "': expected 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String audience = require("audience", request.audience());
        if (!NAME.matcher(audience).matches()) {
            throw new InvalidSubscriptionException("audience", "invalid audience '" + audience
                    + "': expected operators, stakeholders, users or a group name (a-z, 0-9, '-')");
        }
        Channel channel;
        try {
            channel = Channel.fromWireName(require("channel", request.channel()));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidSubscriptionException("channel", unknown.getMessage());
        }
        String target = target(channel, request.target());
        String secret = request.secret();
        if (secret != null && !channel.isWebhook()) {
            throw new InvalidSubscriptionException("secret", "only slack and webhook subscriptions are signed");
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new InvalidSubscriptionException("secret", "too short: at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        return new SubscriptionSpec(name, audience, channel, target, events(request.events()),
                minSeverity(request.minSeverity()), migrationId(request.migrationId()), secret);
    }

    private String target(Channel channel, String target) {
        return switch (channel) {
            case LOG -> target == null ? "" : target.strip();
            case EMAIL -> emailAddresses(require("target", target));
            case SLACK, WEBHOOK -> webhookUrl(require("target", target));
        };
    }

    private static String emailAddresses(String target) {
        List<String> addresses = new ArrayList<>();
        for (String address : target.split(",")) {
            addresses.add(emailAddress(address));
        }
        return String.join(",", addresses);
    }

    /** One e-mail address, stripped. */
    static String emailAddress(String address) {
        String trimmed = address.strip();
        if (!EMAIL.matcher(trimmed).matches()) {
            throw new InvalidSubscriptionException("target", "'" + trimmed + "' is not an e-mail address");
        }
        return trimmed;
    }

    private String webhookUrl(String target) {
        URI url;
        try {
            url = new URI(target);
        } catch (URISyntaxException e) {
            throw new InvalidSubscriptionException("target", "not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidSubscriptionException("target", "expected an http(s) URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidSubscriptionException("target", "a webhook URL must not carry credentials");
        }
        List<String> allowed = webhooks.allowedHosts().orElse(List.of());
        if (!allowed.isEmpty() && allowed.stream().noneMatch(host -> host.strip().equalsIgnoreCase(url.getHost()))) {
            throw new InvalidSubscriptionException("target", "host '" + url.getHost()
                    + "' is not in jsonmig.notification.webhooks.allowed-hosts");
        }
        return target;
    }

    private static List<String> events(List<String> events) {
        if (events == null) {
            return List.of();
        }
        List<String> wireNames = new ArrayList<>();
        for (String event : events) {
            try {
                wireNames.add(EventType.fromWireName(event == null ? "" : event.strip()).wireName());
            } catch (IllegalArgumentException unknown) {
                throw new InvalidSubscriptionException("events", unknown.getMessage());
            }
        }
        return wireNames.stream().distinct().toList();
    }

    private static Severity minSeverity(String minSeverity) {
        if (minSeverity == null || minSeverity.isBlank()) {
            return Severity.INFO;
        }
        try {
            return Severity.valueOf(minSeverity.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidSubscriptionException("minSeverity", "unknown severity '" + minSeverity
                    + "': expected one of " + Arrays.toString(Severity.values()));
        }
    }

    private static String migrationId(String migrationId) {
        if (migrationId == null || migrationId.isBlank()) {
            return null;
        }
        try {
            return MigrationIds.requireValid(migrationId.strip());
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSubscriptionException("migrationId", invalid.getMessage());
        }
    }

    private static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSubscriptionException(field, "missing");
        }
        return value.strip();
    }
}
