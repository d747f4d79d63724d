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
        Path sourceDir = paths.directory(spec.sourceDir(), "source directory");
        SourceSet source = SourceScanner.scan(sourceDir);
        // Validate the live files before writing anything, so errors name the application's own files.
        JsonRecords.count(source);
        String snapshotId = migrationId + "-a" + attempt;
        SnapshotWriter.Written written;
        try {
            written = writer.write(source, config.snapshotRoot(), snapshotId, migrationId, hostName(),
                    Instant.now(clock));
        } catch (IOException e) {
            throw new PhaseFailure("cannot write snapshot under " + config.snapshotRoot() + ": " + e.getMessage());
        }
        record(written, attempt, spec);
        Manifest m = written.manifest();
        return new SnapshotSummary(snapshotId, written.location().toString(), m.layout(), m.files().size(),
                written.bytes(), m.recordsPerCollection(), written.manifestSha256());
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
    void record(SnapshotWriter.Written written, int attempt, RunSpec spec) {
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
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
