package io.jsonmig.notification.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The status page and its live event stream. */
@ConfigMapping(prefix = "jsonmig.status")
public interface StatusConfig {

    /** How often an idle event stream sends a comment line, so proxies keep the connection open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How many runs the run list shows, newest first. */
    @WithDefault("100")
    int runsShown();

    /**
     * How many events a slow client may fall behind before its stream ends; its browser then
     * reconnects with {@code Last-Event-ID} and catches up from the stored events.
     */
    @WithDefault("10000")
    int clientBuffer();

    /**
     * Where people reach the status page ({@code JSONMIG_STATUS_PUBLIC_URL}): every message about a run
     * links the run's page under it, {@code <public-url>/status/<migrationId>}.
     */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    /** The run's status page, as messages link it. */
    default String pageOf(String migrationId) {
        return publicUrl().replaceAll("/+$", "") + "/status/" + migrationId;
    }
}
