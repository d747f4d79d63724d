package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.VerificationPassed;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** The events migration-service consumes, for runs of the example blog, and what it answers them with. */
final class MigrationEvents {

    static final Path EXAMPLE = Path.of("../examples/blog").toAbsolutePath().normalize();
    /** A profile no configuration names: the run fails its preflight at once. */
    static final String UNKNOWN_PROFILE = "nosuch";

    private final Path workDir;
    private final JsonNode blog;

    MigrationEvents(Path workDir) throws IOException {
        this.workDir = workDir;
        this.blog = TestRuns.JSON.readTree(EXAMPLE.resolve("data/db.json").toFile());
    }

    /** The backup of a new run of the example blog into the target profile. */
    EventEnvelope backupCompleted(String profile) throws IOException {
        Path snapshot = TestRuns.snapshot(workDir, "run-" + UUID.randomUUID(), blog);
        return TestRuns.backupCompleted(workDir, profile, snapshot, EXAMPLE.resolve("schema"),
                EXAMPLE.resolve("mapping.json"), blog, SnapshotStorage.PLAIN, null);
    }

    /** The operator's abort of the run that backup announced. */
    static EventEnvelope rollbackRequested(EventEnvelope backupCompleted) {
        return EventEnvelope.of(backupCompleted.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        backupCompleted.payloadAs(BackupCompleted.class).spec()), Instant.now());
    }

    /** verification-service's success for the run that backup announced, had it been a dry run. */
    static EventEnvelope dryRunVerified(EventEnvelope backupCompleted) {
        return EventEnvelope.of(backupCompleted.migrationId(), 1, "verification-service", "",
                new VerificationPassed(backupCompleted.payloadAs(BackupCompleted.class).spec().withDryRun(true),
                        List.of(), null, List.of()), Instant.now());
    }

    static final Predicate<EventEnvelope> TARGET_COMPENSATED = e -> e.payload() instanceof RollbackStepCompleted s
            && s.compensator().equals(RollbackStepCompleted.TARGET_COMPENSATOR);
}
