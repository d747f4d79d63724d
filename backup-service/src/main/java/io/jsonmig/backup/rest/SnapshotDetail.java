package io.jsonmig.backup.rest;

import io.jsonmig.support.snapshot.Manifest;

/**
 * A snapshot's ledger row and its manifest.
 *
 * @param manifest        {@code null} when it cannot be trusted; then {@code manifestProblem} says why
 */
public record SnapshotDetail(SnapshotView snapshot, Manifest manifest, String manifestProblem) {
}
