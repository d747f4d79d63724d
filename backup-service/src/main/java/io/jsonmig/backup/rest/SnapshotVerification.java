package io.jsonmig.backup.rest;

import java.util.List;

/**
 * A stored snapshot re-read now against its manifest.
 *
 * @param problems one line per file that is missing or does not match, naming the file; empty when ok
 */
public record SnapshotVerification(String snapshotId, String location, boolean ok, List<String> problems) {
}
