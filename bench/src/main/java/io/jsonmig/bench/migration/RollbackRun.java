package io.jsonmig.bench.migration;

import io.jsonmig.events.payload.CollectionSync;

import java.util.List;
import java.util.Map;

/**
 * What the rollback after the cut-over measured, by the services' own event timestamps.
 *
 * @param requestedToFencedNanos rollback.requested → the fence's commit (WriteFence.fencedAt)
 * @param fenceLockMillis        first lock to the fence's commit, as migration-service reports it
 * @param fencedToExportedNanos  fence → reverse-sync.exported
 * @param exportedToVerifiedNanos reverse-sync.exported → reverse-sync.verified
 * @param verifiedToRevertedNanos reverse-sync.verified → datasource.reverted
 * @param totalNanos             rollback.requested → datasource.reverted
 * @param writes                 what the application did, per table
 * @param carriedBack            what datasource.reverted says it carried back
 * @param peakRss                per service: its peak RSS (VmHWM) during the rollback alone
 * @param outOfMemory            per service: an OutOfMemoryError or an exit during the rollback
 * @param restored               the live db.json checked against the tables
 */
record RollbackRun(long requestedToFencedNanos, long fenceLockMillis, long fencedToExportedNanos,
                   long exportedToVerifiedNanos, long verifiedToRevertedNanos, long totalNanos,
                   Map<io.jsonmig.bench.placeholder.PlaceholderCollection, ApplicationWrites.Counts> writes,
                   List<CollectionSync> carriedBack, Map<String, Long> peakRss, Map<String, Boolean> outOfMemory,
                   RestoredDbJson.Check restored, boolean writesFailAfterFence) {
}
