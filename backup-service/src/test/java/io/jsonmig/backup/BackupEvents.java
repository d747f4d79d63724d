package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The events backup-service consumes, for runs whose source is a copy of the example blog. */
final class BackupEvents {

    private static final Path EXAMPLE = Path.of("../examples/blog/data/db.json");

    private final Path workDir;

    BackupEvents(Path workDir) {
        this.workDir = workDir;
    }

    /** A request for a new run that backs up its own copy of the example. */
    EventEnvelope request(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Files.copy(EXAMPLE, dir.resolve("db.json"));
        RunSpec spec = new RunSpec(dir.toRealPath().toString(), "/unused/schema", null, "test", "backup-service-test");
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "test", "", new MigrationRequested(spec),
                Instant.now());
    }

    /** migration-service's report that it cleaned the target of the run: backup-service's turn to roll back. */
    static EventEnvelope targetCompensated(EventEnvelope request) {
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        return EventEnvelope.of(request.migrationId(), 1, "migration-service", "migration-service|",
                new RollbackStepCompleted("migration-service", Phase.MIGRATION, List.of("dropped nothing"), true, spec),
                Instant.now());
    }

    static EventEnvelope cutoverReady(String migrationId) {
        return EventEnvelope.of(migrationId, 1, "verification-service", "",
                new CutoverReady("test", List.of("users"), "switch to PostgreSQL"), Instant.now());
    }

    static EventEnvelope datasourceReverted(String migrationId) {
        return EventEnvelope.of(migrationId, 1, "backup-service", "",
                new DatasourceReverted("/unused/source", "rolled back", "switch back"), Instant.now());
    }

    static EventEnvelope driftCheckRequested(String migrationId) {
        return EventEnvelope.of(migrationId, 1, "cli", "", new DriftCheckRequested(null, "backup-service-test"),
                Instant.now());
    }

    static String newRun() {
        return MigrationIds.newId(Clock.systemUTC());
    }
}
