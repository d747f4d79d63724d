package io.jsonmig.backup.drift;

import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Answers {@code drift.check-requested} with {@code drift.checked}. */
@ApplicationScoped
public class DriftCheckHandler {

    private final SnapshotLookup lookup;
    private final TrustedSnapshots trusted;
    private final DriftCheck drift;
    private final EventPublisher publisher;

    public DriftCheckHandler(SnapshotLookup lookup, TrustedSnapshots trusted, DriftCheck drift,
                             EventPublisher publisher) {
        this.lookup = lookup;
        this.trusted = trusted;
        this.drift = drift;
        this.publisher = publisher;
    }

    /**
     * Every request gets one answer. When there is nothing to compare with (no snapshot of the run,
     * or one that cannot be trusted) the answer is "not clean": a cut-over must not rely on it.
     */
    public void run(EventEnvelope requested) {
        DriftCheckRequested request = requested.payloadAs(DriftCheckRequested.class);
        DriftChecked answer;
        Optional<Snapshot> snapshot = request.snapshotId() == null
                ? lookup.latestFor(requested.migrationId())
                : lookup.find(request.snapshotId()).filter(s -> s.migrationId.equals(requested.migrationId()));
        if (snapshot.isEmpty()) {
            Log.warnf("[%s] drift check: no snapshot %s of this run", requested.migrationId(),
                    request.snapshotId() == null ? "" : request.snapshotId());
            answer = new DriftChecked(request.snapshotId(), null, false, List.of());
        } else {
            try {
                answer = drift.check(trusted.open(snapshot.get()));
            } catch (SnapshotRefusedException e) {
                Log.errorf("[%s] drift check: %s", requested.migrationId(), e.getMessage());
                answer = new DriftChecked(snapshot.get().snapshotId, snapshot.get().sourceDir, false, List.of());
            }
        }
        publisher.publish(requested, "drift|" + requested.eventId(), answer);
    }
}
