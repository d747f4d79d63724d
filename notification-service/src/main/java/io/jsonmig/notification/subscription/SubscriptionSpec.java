package io.jsonmig.notification.subscription;

import io.jsonmig.notification.delivery.Severity;

import java.util.List;

/** A validated subscription; {@code secret} null means "none given" (a replace keeps the stored one). */
record SubscriptionSpec(String name, String audience, Channel channel, String target, List<String> events,
                        Severity minSeverity, String migrationId, String secret) {
}
