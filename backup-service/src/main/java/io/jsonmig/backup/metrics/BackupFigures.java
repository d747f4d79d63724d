package io.jsonmig.backup.metrics;

import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * What backups took, added once per snapshot when its {@code backup.completed} is published:
 * {@code jsonmig_backup_bytes_total} (the snapshot's files as written) and
 * {@code jsonmig_records_read_total{collection}} (the records the manifest counts).
 */
@Startup
@ApplicationScoped
public class BackupFigures {

    private final MeterRegistry registry;
    private final Counter bytes;

    public BackupFigures(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("jsonmig.backup.bytes").baseUnit("bytes")
                .description("Bytes of source files written to snapshots").register(registry);
    }

    void completed(@Observes EventSent sent) {
        if (sent.again() || !(sent.event().payload() instanceof BackupCompleted completed)) {
            return;
        }
        SnapshotSummary snapshot = completed.snapshot();
        bytes.increment(snapshot.bytes());
        for (Map.Entry<String, Long> collection : snapshot.recordsPerCollection().entrySet()) {
            Counter.builder("jsonmig.records.read").description("Source records read into snapshots")
                    .tag("collection", collection.getKey()).register(registry).increment(collection.getValue());
        }
    }
}
