package io.jsonmig.migration.plan;

import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field paths of every collection of a source, from every record, read with the streaming
 * reader: one record in memory at a time, and only the distinct paths kept.
 */
public final class SourceFields {

    /** A collection's fields and how many records it has. */
    public record CollectionFields(String collection, FieldNode records, long count) {
    }

    private SourceFields() {
    }

    /** The collections in the order the source holds them. */
    public static Map<String, CollectionFields> of(SourceSet source) {
        Map<String, FieldNode> roots = new LinkedHashMap<>();
        Map<String, Long> counts = JsonRecords.read(source, (collection, position, record) ->
                roots.computeIfAbsent(collection, c -> new FieldNode("")).addFields(record, position));
        Map<String, CollectionFields> collections = new LinkedHashMap<>();
        counts.forEach((collection, count) -> collections.put(collection, new CollectionFields(collection,
                roots.getOrDefault(collection, new FieldNode("")), count)));
        return collections;
    }
}
