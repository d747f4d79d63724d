package io.jsonmig.events.state;

import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.WriteFence;

import java.util.List;

/**
 * How far a rollback after the cut-over has carried PostgreSQL's writes back to the JSON files.
 *
 * @param fence          how the run's tables were fenced
 * @param exportSnapshot the snapshot the fenced tables were exported to
 * @param collections    per collection: unchanged, updated, inserted, deleted, rejects kept
 * @param verified       whether verification-service found the export equal to the fenced tables
 * @param reportLocation the export's verification report, once verified
 * @param restored       whether backup-service restored the live files from the export
 */
public record ReverseSync(WriteFence fence, String exportSnapshot, List<CollectionSync> collections,
                          boolean verified, String reportLocation, boolean restored) {

    public ReverseSync {
        collections = collections == null ? List.of() : List.copyOf(collections);
    }

    /** The writes made in PostgreSQL since the cut-over that the rollback carries back. */
    public long writes() {
        return CollectionSync.totalWrites(collections);
    }
}
