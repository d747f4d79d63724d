package io.jsonmig.backup.rest;

import io.jsonmig.backup.snapshot.Snapshot;

import java.time.Instant;

/** A snapshot as the ledger records it. */
public record SnapshotView(String snapshotId, String migrationId, int attempt, String sourceDir, String location,
                           String layout, int files, long bytes, long records, String manifestSha256,
                           Instant createdAt) {

    static SnapshotView of(Snapshot s) {
        return new SnapshotView(s.snapshotId, s.migrationId, s.attempt, s.sourceDir, s.location, s.layout, s.files,
                s.bytes, s.records, s.manifestSha256, s.createdAt);
    }
}
