package io.jsonmig.migration.load;

import io.jsonmig.events.payload.TableLoad;

import java.nio.file.Path;
import java.util.List;

/**
 * A collection (or a collection's child table) loaded, with what was rejected.
 *
 * @param rejectsLabel what names its rejects: the collection, or {@code posts.comments} for a child table
 * @param rejectFile   the reject file; {@code null} without rejects
 * @param rejects      the first {@link #LISTED_REJECTS} rejects described
 *                     ({@code collection 'users' record 7 (key id=7): field ...})
 */
public record CollectionLoad(TableLoad load, String rejectsLabel, Path rejectFile, List<String> rejects) {

    /** Rejects of one collection listed in a failure; its reject file holds them all. */
    public static final int LISTED_REJECTS = 5;
}
