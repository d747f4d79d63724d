package io.jsonmig.migration.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inferred mapping plan and everything it leaves open. {@code mapping} is a mapping file as it
 * stands ({@code {"collections": {...}}}, collections in load order, parents first); the lists say
 * what it does not cover.
 *
 * @param sourceDir         the source directory, as its real path
 * @param defaultSchema     where unqualified table names lie in the target
 * @param pendingMigrations the schema directory's migrations the target has not applied: the plan
 *                          reflects the catalog before them
 */
public record PlanDocument(String sourceDir, String targetProfile, String defaultSchema, Mapping mapping,
                           List<UnmappedField> unmappedFields, List<UnmappedColumn> unmappedColumns,
                           List<CollectionWithoutTable> collectionsWithoutTable, List<String> pendingMigrations) {

    public PlanDocument {
        unmappedFields = List.copyOf(unmappedFields);
        unmappedColumns = List.copyOf(unmappedColumns);
        collectionsWithoutTable = List.copyOf(collectionsWithoutTable);
        pendingMigrations = List.copyOf(pendingMigrations);
    }

    /** The mapping file's content: collection → table and columns, in load order. */
    public record Mapping(Map<String, CollectionEntry> collections) {

        public Mapping {
            collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
        }
    }

    /**
     * @param table   the table's name, qualified only when it lies outside the default schema
     * @param columns field path (dots for nesting) → column
     */
    public record CollectionEntry(String table, Map<String, String> columns) {

        public CollectionEntry {
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }

    /**
     * A field path no column takes.
     *
     * @param kind            the kinds of value it held ({@code string}, {@code object or null})
     * @param examplePosition 0-based position of a record that has it
     * @param reason          why no column takes it
     */
    public record UnmappedField(String collection, String path, String kind, long examplePosition, String reason) {
    }

    /**
     * A column no field fills.
     *
     * @param collection the collection the plan loads into the table
     * @param table    as PostgreSQL displays it ({@code public.users})
     * @param type     as PostgreSQL prints it ({@code numeric(9,6)})
     * @param defaultValue the default expression, {@code identity} for an identity column, or null
     * @param required NOT NULL without a default: every record would be rejected
     */
    public record UnmappedColumn(String collection, String table, String column, String type, boolean nullable,
                                 String defaultValue, boolean required) {
    }

    /**
     * @param expectedTables the tables looked for, as PostgreSQL displays them
     * @param records        how many records the collection has
     */
    public record CollectionWithoutTable(String collection, List<String> expectedTables, long records) {
    }
}
