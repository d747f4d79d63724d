package io.jsonmig.backup.window;

import io.jsonmig.backup.snapshot.BackupPhase;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.support.messaging.EventPublisher;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A run starts when its maintenance window opens: at once without a window or when it has opened
 * already, otherwise the request is recorded and a poller starts its backup when it is due.
 */
@ApplicationScoped
public class WindowGate {

    private final BackupPhase backup;
    private final ScheduledStarts starts;
    private final EventPublisher publisher;
    private final Clock clock;

    public WindowGate(BackupPhase backup, ScheduledStarts starts, EventPublisher publisher, Clock clock) {
        this.backup = backup;
        this.starts = starts;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void onRequested(EventEnvelope requested) {
        MaintenanceWindow window = requested.payloadAs(MigrationRequested.class).spec().maintenanceWindow();
        Instant now = Instant.now(clock);
        if (window == null || !window.opensAfter(now)) {
            backup.run(requested);
            return;
        }
        starts.record(requested, window.scheduledAt(), now);
        long secondsToWait = Duration.between(now, window.scheduledAt()).plusMillis(999).toSeconds();
        // Once, so that whoever watches sees why nothing happens yet.
        publisher.publish(requested, "backup/" + Progress.WAITING_FOR_WINDOW,
                new Progress(Phase.BACKUP, Progress.WAITING_FOR_WINDOW, 0, secondsToWait));
        Log.infof("[%s] waits for its maintenance window: backup starts at %s", requested.migrationId(),
                window.scheduledAt());
    }

    @Scheduled(every = "${jsonmig.backup.window-poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void startDueRuns() {
        Optional<EventEnvelope> due;
        while ((due = starts.claimDue(Instant.now(clock))).isPresent()) {
            EventEnvelope requested = due.get();
            Log.infof("[%s] maintenance window open: starting the backup", requested.migrationId());
            try {
                backup.run(requested);
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] the backup of a scheduled run could not start", requested.migrationId());
            }
        }
    }
}
