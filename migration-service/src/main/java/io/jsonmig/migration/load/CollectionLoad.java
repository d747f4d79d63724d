package io.jsonmig.migration.load;

import io.jsonmig.events.payload.TableLoad;

import java.nio.file.Path;
import java.util.List;

/**
 * A collection loaded, with what was rejected.
 *
 * @param rejectFile the collection's reject file; {@code null} without rejects
 * @param rejects    each reject described ({@code collection 'users' record 7: field ...}), the first
 *                   {@link TableLoader#MAX_LISTED_REJECTS} of them
 */
public record CollectionLoad(TableLoad load, Path rejectFile, List<String> rejects) {
}
