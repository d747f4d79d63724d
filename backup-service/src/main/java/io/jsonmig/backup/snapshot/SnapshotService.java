package io.jsonmig.backup.snapshot;

import io.jsonmig.backup.config.BackupConfig;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Takes the snapshot of a run's source files and keeps its record in the ledger. */
@ApplicationScoped
public class SnapshotService {

    private final BackupConfig config;
    private final AllowedPaths paths;
    private final Clock clock;
    private final SnapshotWriter writer = new SnapshotWriter(EventJson.mapper());

    public SnapshotService(BackupConfig config, AllowedPaths paths, Clock clock) {
        this.config = config;
        this.paths = paths;
        this.clock = clock;
    }

    public SnapshotSummary take(String migrationId, int attempt, RunSpec spec) {
        String snapshotId = migrationId + "-a" + attempt;
        Optional<SnapshotSummary> taken = intactSnapshot(snapshotId);
        if (taken.isPresent()) {
            // A redelivered request: later phases may already read this snapshot, so announce it again unchanged.
            return taken.get();
        }
        Path sourceDir = paths.directory(spec.sourceDir(), "source directory");
        SourceSet source = SourceScanner.scan(sourceDir);
        // Validate the live files before writing anything, so errors name the application's own files.
        JsonRecords.count(source);
        SnapshotWriter.Written written;
        try {
            written = writer.write(source, config.snapshotRoot(), snapshotId, migrationId, hostName(),
                    Instant.now(clock));
        } catch (IOException e) {
            throw new PhaseFailure("cannot write snapshot under " + config.snapshotRoot() + ": " + e.getMessage());
        }
        return summary(record(written, attempt), written.manifest());
    }

    private Optional<SnapshotSummary> intactSnapshot(String snapshotId) {
        Optional<Snapshot> stored = find(snapshotId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            Manifest manifest = manifestOf(stored.get());
            return check(stored.get()).isEmpty() ? Optional.of(summary(stored.get(), manifest)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static SnapshotSummary summary(Snapshot snapshot, Manifest manifest) {
        return new SnapshotSummary(snapshot.snapshotId, snapshot.location, snapshot.layout, snapshot.files,
                snapshot.bytes, manifest.recordsPerCollection(), snapshot.manifestSha256);
    }

    @Transactional
    Optional<Snapshot> find(String snapshotId) {
        return Snapshot.findByIdOptional(snapshotId);
    }

    /** Reads the manifest of a stored snapshot. */
    public Manifest manifestOf(Snapshot snapshot) throws IOException {
        return EventJson.mapper().readValue(Path.of(snapshot.location).resolve(Manifest.FILE_NAME).toFile(),
                Manifest.class);
    }

    /** Problems found when checking a stored snapshot's files against its manifest. */
    public List<String> check(Snapshot snapshot) throws IOException {
        return SnapshotWriter.check(Path.of(snapshot.location), manifestOf(snapshot));
    }

    @Transactional
    Snapshot record(SnapshotWriter.Written written, int attempt) {
        Manifest m = written.manifest();
        Snapshot snapshot = Snapshot.findById(m.snapshotId());
        if (snapshot == null) {
            snapshot = new Snapshot();
            snapshot.snapshotId = m.snapshotId();
        }
        snapshot.migrationId = m.migrationId();
        snapshot.attempt = attempt;
        snapshot.sourceDir = m.sourceDir();
        snapshot.location = written.location().toString();
        snapshot.layout = m.layout();
        snapshot.files = m.files().size();
        snapshot.bytes = written.bytes();
        snapshot.records = m.recordsPerCollection().values().stream().mapToLong(Long::longValue).sum();
        snapshot.manifestSha256 = written.manifestSha256();
        snapshot.createdAt = m.createdAt();
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
