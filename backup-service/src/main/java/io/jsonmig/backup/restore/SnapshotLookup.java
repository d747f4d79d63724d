package io.jsonmig.backup.restore;

import io.jsonmig.backup.snapshot.Snapshot;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Snapshot rows of the ledger, read in short transactions so no file work holds a connection. */
@ApplicationScoped
public class SnapshotLookup {

    @Transactional
    public Optional<Snapshot> find(String snapshotId) {
        return Snapshot.findByIdOptional(snapshotId);
    }

    @Transactional
    public Optional<Snapshot> latestFor(String migrationId) {
        return Snapshot.latestFor(migrationId);
    }

    /** Snapshots newest first, optionally only those of one source directory and/or one run. */
    @Transactional
    public List<Snapshot> newestFirst(String sourceDir, String migrationId) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (sourceDir != null) {
            conditions.add("sourceDir = :sourceDir");
            parameters.and("sourceDir", sourceDir);
        }
        if (migrationId != null) {
            conditions.add("migrationId = :migrationId");
            parameters.and("migrationId", migrationId);
        }
        Sort newestFirst = Sort.descending("createdAt").and("snapshotId", Sort.Direction.Descending);
        return conditions.isEmpty()
                ? Snapshot.<Snapshot>findAll(newestFirst).list()
                : Snapshot.<Snapshot>find(String.join(" and ", conditions), newestFirst, parameters).list();
    }
}
