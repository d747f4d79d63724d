package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** data.migrated events of runs of the example blog, as migration-service announces them. */
final class VerificationEvents {

    private static final Map<String, Long> BLOG_RECORDS = new LinkedHashMap<>(Map.of("users", 40L));

    static {
        BLOG_RECORDS.put("posts", 120L);
        BLOG_RECORDS.put("comments", 300L);
    }

    private final Path workDir;
    private final Path snapshot;

    /** Lays out a snapshot of the example blog in the work directory. */
    VerificationEvents(Path workDir) throws IOException {
        this.workDir = workDir;
        this.snapshot = workDir.resolve("snapshot");
        Files.createDirectories(snapshot.resolve("files"));
        Files.copy(BlogTarget.EXAMPLE.resolve("data/db.json"), snapshot.resolve("files/db.json"));
    }

    /** A new run that loaded the snapshot into the tables of that schema of profile test. */
    EventEnvelope dataMigrated(String schema) {
        return dataMigrated(schema, snapshot.toString());
    }

    /** A new run like {@link #dataMigrated(String)} that asks for smoke checks of its own. */
    EventEnvelope dataMigrated(String schema, List<SmokeCheck> smokeChecks) {
        return dataMigrated(schema, snapshot.toString(), smokeChecks);
    }

    /** A new run whose snapshot lies where verification-service may not read: the phase fails at once. */
    EventEnvelope dataMigratedOutsideTheAllowedRoots() {
        return dataMigrated("public", "/etc");
    }

    private EventEnvelope dataMigrated(String schema, String snapshotLocation) {
        return dataMigrated(schema, snapshotLocation, List.of());
    }

    private EventEnvelope dataMigrated(String schema, String snapshotLocation, List<SmokeCheck> smokeChecks) {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(workDir.resolve("app").toString(),
                BlogTarget.EXAMPLE.resolve("schema").toAbsolutePath().toString(), null, "test",
                "verification-service-test").withSmokeChecks(smokeChecks);
        SnapshotSummary summary = new SnapshotSummary(id + "-a1", snapshotLocation, "db-json", 1, 180_000,
                BLOG_RECORDS, "0".repeat(64), SnapshotStorage.PLAIN, null);
        List<TableLoad> loads = BLOG_RECORDS.entrySet().stream()
                .map(e -> new TableLoad(e.getKey(), schema + "." + e.getKey(), e.getValue())).toList();
        DataMigrated payload = new DataMigrated(spec, summary, List.of("V1__create_tables.sql", "V2__indexes.sql"),
                loads, 460, 1_000);
        return EventEnvelope.of(id, 1, "migration-service", "", payload, Instant.now());
    }
}
