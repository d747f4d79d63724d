package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a reverse sync found for one collection: its records as PostgreSQL holds them at the fence,
 * compared by primary key with the cut-over snapshot.
 *
 * @param collection  the source collection (db.json key or file)
 * @param table       the table it was loaded into
 * @param unchanged   records whose rows are as loaded: written back as the snapshot's own bytes
 * @param updated     records the application changed in PostgreSQL
 * @param inserted    rows the application added
 * @param deleted     records the application deleted
 * @param rejectsKept records the load quarantined, written back exactly as they were
 */
public record CollectionSync(@JsonProperty(required = true) String collection, String table,
                             long unchanged, long updated, long inserted, long deleted, long rejectsKept) {

    /** The application's writes in PostgreSQL since the cut-over that this collection carries back. */
    @JsonIgnore
    public long writes() {
        return updated + inserted + deleted;
    }

    /** Records the exported collection holds. */
    @JsonIgnore
    public long records() {
        return unchanged + updated + inserted + rejectsKept;
    }

    public static long totalWrites(java.util.List<CollectionSync> collections) {
        return collections == null ? 0 : collections.stream().mapToLong(CollectionSync::writes).sum();
    }
}
