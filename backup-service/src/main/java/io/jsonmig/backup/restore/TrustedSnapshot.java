package io.jsonmig.backup.restore;

import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;

import java.nio.file.Path;

/**
 * A snapshot whose manifest matched its recorded checksum and whose source directory lies under the
 * allowed roots: what restore and drift check work from.
 *
 * @param sourceDir the real path of the live source directory
 * @param filesDir  the snapshot's stored copies
 */
public record TrustedSnapshot(Snapshot row, Manifest manifest, Path sourceDir, Path filesDir) {

    public String snapshotId() {
        return row.snapshotId;
    }
}
