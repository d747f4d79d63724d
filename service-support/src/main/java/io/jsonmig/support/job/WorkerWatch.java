package io.jsonmig.support.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one job worker is doing, for readiness: the job it runs and when that job last reached a
 * checkpoint. A worker thread that died, or a job without a checkpoint for too long, is a worker that
 * will not finish what it holds.
 */
final class WorkerWatch {

    private Thread thread;
    private volatile String job;
    private volatile Instant lastCheckpoint;

    /** The worker's thread, watched from now on. */
    Thread thread(Runnable work, String name) {
        thread = new Thread(work, name);
        return thread;
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
    }

    /** @return what is wrong with this worker, if anything */
    Optional<String> problem(Instant now, Duration stuckAfter) {
        if (!thread.isAlive()) {
            return Optional.of(thread.getName() + " has died" + (job == null ? "" : " while running " + job));
        }
        String running = job;
        Instant seen = lastCheckpoint;
        if (running != null && seen != null && Duration.between(seen, now).compareTo(stuckAfter) > 0) {
            return Optional.of(thread.getName() + " is stuck: " + running + " reached no checkpoint for "
                    + Duration.between(seen, now).toSeconds() + " s (more than " + stuckAfter + ")");
        }
        return Optional.empty();
    }
}
