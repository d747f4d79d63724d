package io.jsonmig.backup.snapshot;

import io.jsonmig.support.snapshot.TrustedManifest;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.config.BackupConfig;
import io.jsonmig.backup.preflight.CheckedSource;
import io.jsonmig.backup.preflight.SourceChanged;
import io.jsonmig.backup.preflight.SourceInspection;
import io.jsonmig.backup.preflight.SourcePreflight;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the snapshot of a run's source files and keeps its record in the ledger. */
@ApplicationScoped
public class SnapshotService {

    static final String SOURCE_BEING_MODIFIED = "source is being modified: stop writes or enable maintenance mode";

    private final BackupConfig config;
    private final Clock clock;
    private final SourcePreflight preflight;
    private final SnapshotWriter writer;
    private final ExecutorService hasher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "backup-source-hash");
        thread.setDaemon(true);
        return thread;
    });

    public SnapshotService(BackupConfig config, AllowedPaths paths, SnapshotCodec codec, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.preflight = new SourcePreflight(paths, config.snapshotRoot(), config.freeSpaceMargin().asLongValue(),
                hasher);
        this.writer = new SnapshotWriter(EventJson.mapper(), codec);
    }

    /** The source preflight of a run, question by question, as the backup would make it now; writes nothing. */
    public SourceInspection inspect(RunSpec spec) {
        return preflight.inspect(spec);
    }

    @PreDestroy
    void stopHasher() {
        hasher.shutdownNow();
    }

    /**
     * Checks the source, then snapshots it; a source file that changes meanwhile makes it start again,
     * up to {@code jsonmig.backup.copy-retries} times.
     *
     * @throws PhaseFailure naming every problem found
     */
    public SnapshotSummary take(String migrationId, int attempt, RunSpec spec, CopyProgress progress) {
        String snapshotId = migrationId + "-a" + attempt;
        Optional<SnapshotSummary> taken = intactSnapshot(snapshotId);
        if (taken.isPresent()) {
            // A redelivered request: later phases may already read this snapshot, so announce it again unchanged.
            return taken.get();
        }
        SnapshotWriter.Identity identity = new SnapshotWriter.Identity(snapshotId, migrationId, attempt, hostName(),
                Instant.now(clock));
        AtomicInteger retries = new AtomicInteger();
        TypedGuard<SnapshotSummary> untilTheSourceSettles = TypedGuard.create(SnapshotSummary.class)
                .withRetry()
                .maxRetries(config.copyRetries())
                .delay(config.retryPause().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(0, ChronoUnit.MILLIS) // a large source may take long to copy: no overall limit
                .retryOn(SourceChanged.class)
                .beforeRetry(changed -> Log.warnf("[%s] %s; taking the snapshot again in %s (retry %d of %d)",
                        migrationId, changed.getMessage(), config.retryPause(), retries.incrementAndGet(),
                        config.copyRetries()))
                .done()
                .build();
        try {
            return untilTheSourceSettles.get(() -> snapshot(spec, identity, progress));
        } catch (SourceChanged changed) {
            throw new PhaseFailure(SOURCE_BEING_MODIFIED + " (" + (retries.get() + 1) + " tries): "
                    + String.join("; ", changed.changes()), changed.changes());
        }
    }

    private SnapshotSummary snapshot(RunSpec spec, SnapshotWriter.Identity identity, CopyProgress progress) {
        try {
            CheckedSource checked = preflight.check(spec);
            SnapshotWriter.Written written = writer.write(checked, config.snapshotRoot(), identity, progress);
            return summary(record(written), written.manifest());
        } catch (IOException e) {
            throw new PhaseFailure("cannot write snapshot under " + config.snapshotRoot() + ": " + e.getMessage());
        }
    }

    private Optional<SnapshotSummary> intactSnapshot(String snapshotId) {
        Optional<Snapshot> stored = find(snapshotId).filter(s -> s.deletedAt == null);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!check(stored.get()).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(summary(stored.get(), manifestOf(stored.get())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What {@code backup.completed} announced of a stored snapshot, read from its verified manifest. */
    public SnapshotSummary summaryOf(Snapshot snapshot) throws IOException {
        return summary(snapshot, manifestOf(snapshot));
    }

    private static SnapshotSummary summary(Snapshot snapshot, Manifest manifest) {
        return new SnapshotSummary(snapshot.snapshotId, snapshot.location, snapshot.layout, snapshot.files,
                snapshot.bytes, manifest.recordsPerCollection(), snapshot.manifestSha256, manifest.storage(),
                manifest.collectionOffsets());
    }

    @Transactional
    Optional<Snapshot> find(String snapshotId) {
        return Snapshot.findByIdOptional(snapshotId);
    }

    /** Reads the manifest of a stored snapshot, once it matches its recorded checksums. */
    public Manifest manifestOf(Snapshot snapshot) throws IOException {
        try {
            return TrustedManifest.read(Path.of(snapshot.location), snapshot.manifestSha256);
        } catch (TrustedManifest.UntrustedManifestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Re-reads a stored snapshot now: the manifest against its checksum and the ledger, every stored
     * file against the manifest. Returns one line per problem, each naming the file; empty when intact.
     */
    public List<String> check(Snapshot snapshot) throws IOException {
        return writer.check(Path.of(snapshot.location), snapshot.manifestSha256);
    }

    @Transactional
    Snapshot record(SnapshotWriter.Written written) {
        Manifest m = written.manifest();
        Snapshot snapshot = Snapshot.findById(m.snapshotId());
        if (snapshot == null) {
            snapshot = new Snapshot();
            snapshot.snapshotId = m.snapshotId();
        }
        snapshot.migrationId = m.migrationId();
        snapshot.attempt = m.attempt();
        snapshot.sourceDir = m.sourceDir();
        snapshot.location = written.location().toString();
        snapshot.layout = m.layout();
        snapshot.files = m.files().size();
        snapshot.bytes = written.bytes();
        snapshot.records = m.recordsPerCollection().values().stream().mapToLong(Long::longValue).sum();
        snapshot.manifestSha256 = written.manifestSha256();
        snapshot.createdAt = m.createdAt();
        snapshot.deletedAt = null;
        snapshot.persist();
        return snapshot;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
