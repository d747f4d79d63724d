package io.jsonmig.notification.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When the communication plan speaks between events. */
@ConfigMapping(prefix = "jsonmig.notification.plan")
public interface PlanConfig {

    /** How long before a maintenance window opens stakeholders and users are reminded of it. */
    @WithDefault("15m")
    Duration reminderBefore();

    /** How often stakeholders and operators hear how an active run is doing (only when something changed). */
    @WithDefault("5m")
    Duration updateInterval();

    /** How often the reminders and updates due are looked for (read by {@code PlanSchedule}'s schedule). */
    @WithDefault("1s")
    Duration poll();
}
