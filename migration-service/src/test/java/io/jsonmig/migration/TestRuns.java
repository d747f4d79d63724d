package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;

import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceScanner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the service tests share: snapshots laid out as backup-service lays them, the event announcing them, targets. */
final class TestRuns {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private TestRuns() {
    }

    /**
     * @param workDir the run's source directory, under the allowed roots
     * @param db      what the snapshot holds, for the records per collection that backup.completed announces
     */
    static EventEnvelope backupCompleted(Path workDir, String profile, Path snapshot, Path schemaDir, Path mappingFile,
                                         JsonNode db, SnapshotStorage storage, RejectThreshold threshold)
            throws IOException {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(workDir.toString(), schemaDir.toString(),
                mappingFile == null ? null : mappingFile.toString(), profile, "migration-service-test")
                .withRejectThreshold(threshold);
        Map<String, Long> records = new LinkedHashMap<>();
        db.properties().forEach(c -> records.put(c.getKey(), (long) c.getValue().size()));
        // like backup-service: a plain db.json announces where each collection begins
        Map<String, Long> offsets = storage.compressed() || storage.encrypted() ? null
                : JsonRecords.index(SourceScanner.scan(snapshot.resolve("files"))).offsets();
        SnapshotSummary summary = new SnapshotSummary(id + "-a1", snapshot.toString(), "db-json", 1,
                Files.size(snapshot.resolve("files/db.json")), records, "0".repeat(64), storage, offsets);
        return EventEnvelope.of(id, 1, "backup-service", "", new BackupCompleted(spec, summary), Instant.now());
    }

    /** A snapshot directory as backup-service lays it out: the copied files under files/. */
    static Path snapshot(Path workDir, String name, JsonNode db) throws IOException {
        Path files = Files.createDirectories(workDir.resolve("snapshots").resolve(name).resolve("files"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(files.resolve("db.json").toFile(), db);
        return files.getParent();
    }

    static Connection target(String profile) throws SQLException {
        var config = ConfigProvider.getConfig();
        String prefix = "jsonmig.target." + profile + ".";
        return DriverManager.getConnection(config.getValue(prefix + "url", String.class),
                config.getValue(prefix + "user", String.class),
                config.getOptionalValue(prefix + "password", String.class).orElse(""));
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
