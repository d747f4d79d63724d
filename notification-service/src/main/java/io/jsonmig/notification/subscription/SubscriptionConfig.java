package io.jsonmig.notification.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions declared in configuration, {@code jsonmig.notification.subscriptions.<name>.*}:
 * loaded at start-up, read-only over REST.
 */
@ConfigMapping(prefix = "jsonmig.notification.subscriptions")
public interface SubscriptionConfig {

    @WithParentName
    Map<String, DeclaredSubscription> declared();

    interface DeclaredSubscription {
        String audience();

        String channel();

        /** E-mail addresses (comma-separated) or an http(s) URL; none for the log. */
        Optional<String> target();

        /** Wire names of event types; none = every event. */
        Optional<List<String>> events();

        @WithDefault("INFO")
        String minSeverity();

        Optional<String> migrationId();

        /** HMAC key of a webhook: stays in configuration, never returned or logged. */
        Optional<String> secret();
    }
}
