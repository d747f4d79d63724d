package io.jsonmig.backup.snapshot;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.support.messaging.EventPublisher;

/**
 * Publishes {@code Progress(BACKUP, "bytes", done, total)} while the source is copied: at most about
 * once a second or every 64 MiB, and at the end. Each event's step is the whole percentage it
 * reports, so a redelivered request or a retried copy publishes the same event ids again (which
 * consumers drop) instead of more events.
 */
final class CopyProgressEvents implements CopyProgress {

    static final long BYTES_BETWEEN = 64L * 1024 * 1024;
    static final long NANOS_BETWEEN = 1_000_000_000L;

    private final EventPublisher publisher;
    private final EventEnvelope cause;
    private long lastBytes;
    private long lastNanos = System.nanoTime();
    private int lastPercent = -1;

    CopyProgressEvents(EventPublisher publisher, EventEnvelope cause) {
        this.publisher = publisher;
        this.cause = cause;
    }

    @Override
    public void copied(long done, long total) {
        long now = System.nanoTime();
        boolean due = done == total || done - lastBytes >= BYTES_BETWEEN || now - lastNanos >= NANOS_BETWEEN;
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        if (!due || percent == lastPercent) {
            return;
        }
        lastBytes = done;
        lastNanos = now;
        lastPercent = percent;
        publisher.publish(cause, "backup/progress/bytes/" + percent, new Progress(Phase.BACKUP, "bytes", done, total));
    }
}
