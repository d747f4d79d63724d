package io.jsonmig.notification.stall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When a run that shows no sign of life is rolled back. */
@ConfigMapping(prefix = "jsonmig.notification.stall")
public interface StallConfig {

    /** Whether stalled runs are rolled back at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a running run may go without any event, progress included, before a rollback is
     * requested. Phases report progress every few seconds, so this is far longer than any pause of a
     * healthy run, and longer than a service needs to restart and resume its job.
     */
    @WithDefault("15m")
    Duration timeout();

    /** How often running runs are looked at. */
    @WithDefault("30s")
    Duration poll();
}
