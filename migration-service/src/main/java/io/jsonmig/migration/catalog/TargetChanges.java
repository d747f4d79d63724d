package io.jsonmig.migration.catalog;

import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.mappingplan.catalog.CatalogObject;
import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger of what a run changed in its target's catalog: what existed before, and what the run
 * created since, so its compensation can remove exactly that even after a crash.
 */
@ApplicationScoped
public class TargetChanges {

    private final Clock clock;

    public TargetChanges(Clock clock) {
        this.clock = clock;
    }

    /** Captures the target before the run changes anything; a capture recorded earlier for the run is kept. */
    public TargetCapture captureOnce(String migrationId, TargetSession session) {
        Optional<TargetCapture> earlier = capture(migrationId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<CatalogObject> objects = read(session);
        return persistCapture(migrationId, session.database().profile(), session.defaultSchema(),
                hasTable(objects, session.defaultSchema(), TargetCapture.FLYWAY_HISTORY),
                hasTable(objects, session.defaultSchema(), TargetCapture.PRISMA_HISTORY), objects);
    }

    /**
     * Compares the target with the capture and records every object that is new since, in creation
     * order. Objects recorded before are kept, so calling it again only adds.
     */
    public List<CreatedObject> recordCreated(String migrationId, TargetSession session) {
        return persistCreated(migrationId, read(session));
    }

    /** The run stops before its schema step: it created nothing, and a later rollback must not look for more. */
    @Transactional
    public void recordNothingCreated(String migrationId) {
        TargetCapture capture = TargetCapture.findById(migrationId);
        if (capture.schemaDiffAt == null) {
            capture.schemaDiffAt = Instant.now(clock);
        }
    }

    /** Whether the object was in the target when the run captured it (so the run's compensation leaves it). */
    @Transactional
    public boolean existedBefore(String migrationId, ObjectKind kind, String schema, String name) {
        return CapturedObject.count("migrationId = ?1 and kind = ?2 and schemaName = ?3 and name = ?4", migrationId,
                kind, schema, name) > 0;
    }

    /** The tables that were in the target when the run captured it: their rows, not they, are the run's. */
    @Transactional
    public Set<io.jsonmig.mappingplan.target.TableName> tablesBefore(String migrationId) {
        return CapturedObject.forMigration(migrationId).stream()
                .filter(o -> o.kind == ObjectKind.TABLE)
                .map(o -> new io.jsonmig.mappingplan.target.TableName(o.schemaName, o.name))
                .collect(Collectors.toSet());
    }

    @Transactional
    public Optional<TargetCapture> capture(String migrationId) {
        return TargetCapture.of(migrationId);
    }

    @Transactional
    public List<CreatedObject> stillPresent(String migrationId) {
        return CreatedObject.stillPresent(migrationId);
    }

    @Transactional
    public boolean everCreated(String migrationId) {
        return CreatedObject.count("migrationId", migrationId) > 0;
    }

    /** The run's objects its removal dropped, as {@code table s.t}, in the order they went (newest first). */
    @Transactional
    public List<String> dropped(String migrationId) {
        List<CreatedObject> created = new ArrayList<>(CreatedObject.forMigration(migrationId));
        Collections.reverse(created);
        return created.stream().filter(o -> o.droppedAt != null).map(CreatedObject::describe).distinct().toList();
    }

    @Transactional
    public void markDropped(List<CreatedObject> objects) {
        Instant now = Instant.now(clock);
        for (CreatedObject object : objects) {
            CreatedObject managed = CreatedObject.findById(object.id);
            managed.droppedAt = now;
        }
    }

    @Transactional
    TargetCapture persistCapture(String migrationId, String profile, String defaultSchema, boolean flywayHistory,
                                 boolean prismaHistory, List<CatalogObject> objects) {
        TargetCapture capture = new TargetCapture();
        capture.migrationId = migrationId;
        capture.targetProfile = profile;
        capture.defaultSchema = defaultSchema;
        capture.flywayHistoryExisted = flywayHistory;
        capture.prismaHistoryExisted = prismaHistory;
        capture.capturedAt = Instant.now(clock);
        capture.persist();
        for (CatalogObject object : objects) {
            CapturedObject captured = new CapturedObject();
            captured.copyFrom(migrationId, object);
            captured.persist();
        }
        return capture;
    }

    @Transactional
    List<CreatedObject> persistCreated(String migrationId, List<CatalogObject> now) {
        TargetCapture capture = TargetCapture.<TargetCapture>findByIdOptional(migrationId)
                .orElseThrow(() -> new IllegalStateException("no capture of the target for run " + migrationId));
        Set<String> before = CapturedObject.forMigration(migrationId).stream().map(CapturedObject::key)
                .collect(Collectors.toSet());
        List<CreatedObject> known = CreatedObject.forMigration(migrationId);
        Set<String> recorded = known.stream().map(o -> o.key() + "|" + o.objectOid).collect(Collectors.toSet());
        int order = known.stream().mapToInt(o -> o.creationOrder).max().orElse(0);
        Instant detectedAt = Instant.now(clock);
        for (CatalogObject object : now) {
            if (before.contains(object.key()) || recorded.contains(object.key() + "|" + object.oid())) {
                continue;
            }
            CreatedObject created = new CreatedObject();
            created.copyFrom(migrationId, object);
            created.creationOrder = ++order;
            created.ownerOid = object.ownerOid();
            created.detectedAt = detectedAt;
            created.persist();
        }
        capture.schemaDiffAt = detectedAt;
        return CreatedObject.forMigration(migrationId);
    }

    private static boolean hasTable(List<CatalogObject> objects, String schema, String name) {
        return objects.stream().anyMatch(o -> o.kind() == ObjectKind.TABLE && o.schema().equals(schema)
                && o.name().equals(name));
    }

    private static List<CatalogObject> read(TargetSession session) {
        try {
            return new TargetCatalog(session.connection()).objects();
        } catch (SQLException e) {
            throw new PhaseFailure("cannot read the catalog of " + TargetSession.describe(session.database()) + ": "
                    + e.getMessage());
        }
    }
}
