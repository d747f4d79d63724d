package io.jsonmig.notification.window;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the end of a run's stabilization window is noticed. */
@ConfigMapping(prefix = "jsonmig.notification.window")
public interface WindowConfig {

    /** How often runs in their window are looked at; a window ends at most this late. */
    @WithDefault("30s")
    Duration poll();
}
