package io.jsonmig.support.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service runs its durable jobs. */
@ConfigMapping(prefix = "jsonmig.jobs")
public interface JobsConfig {

    /** Jobs of different runs this service runs at once; jobs of one run always run one at a time. */
    @WithDefault("2")
    int workers();

    /** How often an idle worker looks for jobs another instance recorded, or that became due. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often a running job reads whether it was cancelled (at its checkpoints, not more often). */
    @WithDefault("1s")
    Duration cancelCheckInterval();

    /** Starts of one job before it is given up: each start after the first follows an interruption. */
    @WithDefault("10")
    int maxStarts();

    /**
     * Times the service may die while running one job and still resume it: the next such death fails the
     * job and its phase instead, so a job that takes its JVM down (out of memory) cannot do so at every start.
     * A kill or a host restart looks the same from here, so an operator's few restarts must not end a load.
     */
    @WithDefault("3")
    int maxCrashes();

    /** A job that reached no checkpoint for this long makes the service not ready: its worker is stuck. */
    @WithDefault("15m")
    Duration stuckAfter();

    /**
     * A job that reached no checkpoint for this long makes the service not live: a restart resumes the job
     * from its checkpoints. Time spent between checkpoints counts, not the job's length, so a long load that
     * keeps reaching checkpoints is never restarted. Longer than {@link #stuckAfter()}: first no new runs, then
     * a restart.
     */
    @WithDefault("30m")
    Duration unresponsiveAfter();
}
