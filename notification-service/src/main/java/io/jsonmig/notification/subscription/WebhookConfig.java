package io.jsonmig.notification.subscription;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Where webhooks may point. */
@ConfigMapping(prefix = "jsonmig.notification.webhooks")
public interface WebhookConfig {

    /** When set, webhook URLs must name one of these hosts. */
    Optional<List<String>> allowedHosts();
}
