package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/** Decides which column every field of a record goes to; a field without one is an error, never dropped. */
public interface FieldResolver {

    /**
     * @param position the record's 0-based position in its collection (generated keys derive from it)
     * @return the record's values by column name
     * @throws UnmappableRecord naming the first field that maps to no column
     */
    Map<String, FieldValue> resolve(ObjectNode record, long position);

    /** The same decisions field by field, when the resolver can make them by a field's path alone. */
    default Optional<FieldRoutes> routes() {
        return Optional.empty();
    }
}
