package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The first steps of a rollback after the cut-over: migration-service fenced the run's tables and
 * exported them back into the source's layout, as a new snapshot with its own manifest. Triggers
 * verification-service's check of the export against the fenced tables.
 *
 * @param spec           the run
 * @param snapshot       the export, readable like any snapshot (the same manifest, layout and storage)
 * @param baseSnapshotId the cut-over snapshot the export started from
 * @param fence          how the writes were stopped
 * @param collections    per collection: unchanged, updated, inserted, deleted, rejects kept
 * @param rejectPositions where the records the load quarantined stand in the export, by the name the
 *                       rejects carry (the collection, or {@code <collection>.<path>} for a child table's
 *                       elements): the verification accounts for them as it does for the forward run's
 */
public record ReverseSyncExported(@JsonProperty(required = true) RunSpec spec,
                                  @JsonProperty(required = true) SnapshotSummary snapshot,
                                  @JsonProperty(required = true) String baseSnapshotId,
                                  @JsonProperty(required = true) WriteFence fence,
                                  @JsonProperty(required = true) List<CollectionSync> collections,
                                  Map<String, List<Long>> rejectPositions)
        implements EventPayload {

    public ReverseSyncExported {
        collections = List.copyOf(collections);
        rejectPositions = rejectPositions == null ? Map.of() : Map.copyOf(rejectPositions);
    }

    @Override
    public String describe() {
        return "reverse sync exported: " + fence.tables().size() + " table(s) fenced, "
                + CollectionSync.totalWrites(collections) + " write(s) made in PostgreSQL since the cut-over"
                + " exported with " + snapshot.totalRecords() + " records to snapshot " + snapshot.snapshotId();
    }
}
