package io.jsonmig.notification.subscription;

import java.util.List;

/**
 * A subscription as written over REST or in configuration, not yet validated. {@code secret} is
 * write-only; on a replace, leaving it out keeps the stored one.
 */
public record SubscriptionRequest(String name, String audience, String channel, String target, List<String> events,
                                  String minSeverity, String migrationId, String secret) {
}
