package io.jsonmig.backup.window;

import io.jsonmig.backup.snapshot.BackupPhase;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.support.job.PhaseJobs;
import io.jsonmig.support.messaging.EventPublisher;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A run starts when its maintenance window opens: its backup is recorded as a job due then, at once
 * without a window or when it has opened already. The job survives restarts like any other.
 */
@ApplicationScoped
public class WindowGate {

    private final PhaseJobs jobs;
    private final EventPublisher publisher;
    private final Clock clock;

    public WindowGate(PhaseJobs jobs, EventPublisher publisher, Clock clock) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void onRequested(EventEnvelope requested) {
        MaintenanceWindow window = requested.payloadAs(MigrationRequested.class).spec().maintenanceWindow();
        Instant now = Instant.now(clock);
        if (window == null || !window.opensAfter(now)) {
            jobs.submit(requested, BackupPhase.JOB);
            return;
        }
        if (!jobs.submitAt(requested, BackupPhase.JOB, window.scheduledAt())) {
            return;
        }
        long secondsToWait = Duration.between(now, window.scheduledAt()).plusMillis(999).toSeconds();
        // Once, so that whoever watches sees why nothing happens yet.
        publisher.publishProgress(requested, "backup/" + Progress.WAITING_FOR_WINDOW,
                new Progress(Phase.BACKUP, Progress.WAITING_FOR_WINDOW, 0, secondsToWait));
        Log.infof("[%s] waits for its maintenance window: backup starts at %s", requested.migrationId(),
                window.scheduledAt());
    }
}
