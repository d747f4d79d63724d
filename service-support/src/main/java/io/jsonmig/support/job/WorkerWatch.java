package io.jsonmig.support.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one job worker is doing, for readiness: its thread, the job it runs and when that job last
 * reached a checkpoint. A worker whose thread ended while the service runs, or whose job reached no
 * checkpoint for too long, will not finish what it holds.
 */
final class WorkerWatch {

    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final String name;
    private volatile Thread thread;
    private volatile String job;
    private volatile Instant lastCheckpoint;
    private volatile String ended;
    private volatile Instant replacedAt;
    private int deaths;

    WorkerWatch(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Thread thread() {
        return thread;
    }

    /** {@code worker} is the worker from now on (the first, or the replacement of one that ended). */
    void working(Thread worker) {
        thread = worker;
        ended = null;
        replacedAt = null;
    }

    void started(PhaseJob running, Instant now) {
        lastCheckpoint = now;
        job = "job " + running.eventId + " (" + running.handler + ") of run " + running.migrationId;
    }

    void checkpoint(Instant now) {
        lastCheckpoint = now;
    }

    void idle() {
        job = null;
        lastCheckpoint = null;
    }

    /**
     * The worker's thread ended while the service runs.
     *
     * @return the pause before its replacement starts: longer after every end, so that a worker that
     * keeps ending does not spin
     */
    Duration ended(String why, Instant now, Duration base) {
        deaths++;
        Duration pause = base.multipliedBy(1L << Math.min(deaths - 1, 10));
        if (pause.compareTo(LONGEST_PAUSE) > 0) {
            pause = LONGEST_PAUSE;
        }
        String running = job;
        ended = why + (running == null ? "" : " while running " + running);
        replacedAt = now.plus(pause);
        job = null;
        lastCheckpoint = null;
        return pause;
    }

    /** @return what is wrong with this worker, if anything */
    Optional<String> problem(Instant now, Duration stuckAfter) {
        String why = ended;
        if (why != null) {
            return Optional.of(name + " ended (" + why + "); a new worker takes its place at " + replacedAt);
        }
        Thread current = thread;
        if (current != null && !current.isAlive()) {
            return Optional.of(name + " has ended");
        }
        String running = job;
        Instant seen = lastCheckpoint;
        if (running != null && seen != null && Duration.between(seen, now).compareTo(stuckAfter) > 0) {
            return Optional.of(name + " is stuck: " + running + " reached no checkpoint for "
                    + Duration.between(seen, now).toSeconds() + " s (more than " + stuckAfter + ")");
        }
        return Optional.empty();
    }
}
