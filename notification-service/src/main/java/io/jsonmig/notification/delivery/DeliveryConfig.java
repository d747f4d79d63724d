package io.jsonmig.notification.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the delivery worker sends and retries. */
@ConfigMapping(prefix = "jsonmig.notification.delivery")
public interface DeliveryConfig {

    /** How often the worker looks for due deliveries (its schedule reads the property itself). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Wait before the first retry; doubled after each failed attempt up to {@link #maxDelay()}. */
    @WithDefault("5s")
    Duration initialDelay();

    @WithDefault("10m")
    Duration maxDelay();

    /** Attempts in all, the first included; then the delivery stays FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** The longest one send may take (connect and answer); beyond it the attempt failed. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Sends under way at once, each independent of the others. */
    @WithDefault("4")
    int concurrency();
}
