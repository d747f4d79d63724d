package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A key column filled by jsonmig for records that have no key of their own. */
public record GeneratedKey(String column, Kind generate) {

    public enum Kind {
        /**
         * A name-based (type 3) UUID of the migration id, the collection and the record's position: a
         * resumed or repeated load of the same run generates the same values.
         */
        UUID,
        /** The record's 0-based position + 1. */
        POSITION
    }

    public JsonNode value(String migrationId, String collection, long position) {
        return switch (generate) {
            case UUID -> JsonNodeFactory.instance.textNode(uuid(migrationId, collection, position).toString());
            case POSITION -> JsonNodeFactory.instance.numberNode(position + 1);
        };
    }

    static UUID uuid(String migrationId, String collection, long position) {
        // NUL separates the parts: neither an id nor a collection name that PostgreSQL can hold contains it
        String name = migrationId + '\0' + collection + '\0' + position;
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
