package io.jsonmig.backup.drift;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Which run attempts drifted before their cut-over, kept before their rollback is requested. */
@ApplicationScoped
public class SourceDrifts {

    private final Clock clock;

    public SourceDrifts(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public void record(String migrationId, int attempt, String snapshotId, String files) {
        String id = SourceDrift.idOf(migrationId, attempt);
        SourceDrift drift = SourceDrift.findById(id);
        if (drift == null) {
            drift = new SourceDrift();
            drift.id = id;
            drift.migrationId = migrationId;
            drift.attempt = attempt;
        }
        drift.snapshotId = snapshotId;
        drift.files = files;
        drift.detectedAt = Instant.now(clock);
        drift.persist();
    }

    @Transactional
    public Optional<SourceDrift> of(String migrationId, int attempt) {
        return SourceDrift.findByIdOptional(SourceDrift.idOf(migrationId, attempt));
    }
}
