package io.jsonmig.migration.plan;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ColumnMatcher;
import io.jsonmig.mappingplan.mapping.InferredTables;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.migration.plan.PlanDocument.CollectionEntry;
import io.jsonmig.migration.plan.PlanDocument.CollectionWithoutTable;
import io.jsonmig.migration.plan.PlanDocument.UnmappedColumn;
import io.jsonmig.migration.plan.PlanDocument.UnmappedField;
import io.jsonmig.migration.plan.SourceFields.CollectionFields;
import io.jsonmig.mappingplan.target.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers a mapping plan from the source's field paths and the target's catalog as it is, with the
 * rules of a load without a mapping file ({@link InferredTables}, {@link ColumnMatcher}), plus one: an
 * object or array goes whole only to a column that can take it (json/jsonb; an array also to an
 * array column). No child tables are inferred.
 */
final class PlanInference {

    private final Connection connection;
    private final TargetCatalog catalog;
    private final String defaultSchema;

    PlanInference(Connection connection, String defaultSchema) {
        this.connection = connection;
        this.catalog = new TargetCatalog(connection);
        this.defaultSchema = defaultSchema;
    }

    /** A collection that has a table, with what the plan maps of it. */
    private record Fitted(String collection, TargetTable table, Map<String, String> columns) {
    }

    PlanDocument plan(String sourceDir, String targetProfile, Map<String, CollectionFields> source,
                      List<String> pendingMigrations) throws SQLException {
        List<Fitted> fitted = new ArrayList<>();
        List<UnmappedField> unmappedFields = new ArrayList<>();
        List<CollectionWithoutTable> withoutTable = new ArrayList<>();
        for (CollectionFields c : source.values()) {
            Optional<TargetTable> table = InferredTables.find(catalog, c.collection(), defaultSchema);
            if (table.isEmpty()) {
                withoutTable.add(new CollectionWithoutTable(c.collection(), InferredTables.candidates(c.collection(),
                        defaultSchema).stream().map(TableName::toString).toList(), c.count()));
                continue;
            }
            Map<String, String> columns = new LinkedHashMap<>();
            List<UnmappedField> unmapped = new ArrayList<>();
            fit(c.collection(), new ColumnMatcher(table.get()), c.records(), "", "", columns, unmapped);
            unmappedFields.addAll(unmapped);
            fitted.add(new Fitted(c.collection(), table.get(), columns));
        }

        Map<Long, Fitted> byTable = new HashMap<>();
        fitted.forEach(f -> byTable.putIfAbsent(f.table().oid(), f));
        Map<Long, List<Long>> parents = new HashMap<>();
        for (Fitted f : fitted) {
            parents.put(f.table().oid(), catalog.referencedTables(f.table().oid()));
        }
        List<Fitted> ordered = MappingPlanner.parentsFirst(fitted, f -> parents.get(f.table().oid()).stream()
                .filter(byTable::containsKey).map(byTable::get).toList());

        Map<String, CollectionEntry> mapping = new LinkedHashMap<>();
        List<UnmappedColumn> unmappedColumns = new ArrayList<>();
        for (Fitted f : ordered) {
            mapping.put(f.collection(), new CollectionEntry(tableName(f.table().name()), f.columns()));
            unmappedColumns.addAll(unfilled(f));
        }
        return new PlanDocument(sourceDir, targetProfile, defaultSchema, new PlanDocument.Mapping(mapping),
                unmappedFields, unmappedColumns, withoutTable, pendingMigrations);
    }

    /** As InferredFieldResolver: flatten into {@code <field>_<inner>} columns when they exist, else the whole field. */
    private void fit(String collection, ColumnMatcher matcher, FieldNode object, String pathPrefix, String columnPrefix,
                     Map<String, String> columns, List<UnmappedField> unmapped) {
        for (FieldNode field : object.fields()) {
            String path = pathPrefix.isEmpty() ? field.name() : pathPrefix + "." + field.name();
            List<String> candidates = matcher.candidates(columnPrefix, field.name());
            Optional<String> whole = matcher.whole(candidates);
            Optional<String> flattened = matcher.flattened(candidates);
            if (flattened.isPresent() && (field.holdsObjects() || whole.isEmpty())) {
                Map<String, String> inner = new LinkedHashMap<>();
                List<UnmappedField> innerUnmapped = new ArrayList<>();
                fit(collection, matcher, field, path, flattened.get() + "_", inner, innerUnmapped);
                if (innerUnmapped.isEmpty() || whole.isEmpty()) {
                    inner.forEach((p, column) -> put(collection, matcher.table(), field, p, column, columns, unmapped));
                    unmapped.addAll(innerUnmapped);
                    continue;
                }
            }
            if (whole.isEmpty()) {
                unmapped.add(new UnmappedField(collection, path, field.describeKinds(), field.examplePosition(),
                        "no column " + String.join(" or ", candidates) + " in table " + matcher.table().name()
                                + (field.holdsObjects() ? " (nor columns " + candidates.get(candidates.size() - 1)
                                + "_<field> for its fields)" : "")));
                continue;
            }
            TableColumn column = matcher.table().column(whole.get()).orElseThrow();
            String refused = refusal(field, column);
            if (refused != null) {
                unmapped.add(new UnmappedField(collection, path, field.describeKinds(), field.examplePosition(),
                        refused));
                continue;
            }
            put(collection, matcher.table(), field, path, whole.get(), columns, unmapped);
        }
    }

    /** A mapping file may send each column one field only; a second one is left unmapped, naming the first. */
    private static void put(String collection, TargetTable table, FieldNode field, String path, String column,
                            Map<String, String> columns, List<UnmappedField> unmapped) {
        String other = columns.entrySet().stream().filter(e -> e.getValue().equals(column)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (other != null) {
            unmapped.add(new UnmappedField(collection, path, field.describeKinds(), field.examplePosition(),
                    "column " + column + " of " + table.name() + " already takes field '" + other + "'"));
        } else {
            columns.put(path, column);
        }
    }

    private static String refusal(FieldNode field, TableColumn column) {
        ColumnType.Category category = column.type().category();
        if (field.holdsObjects() && category != ColumnType.Category.JSON) {
            return "column " + column.name() + " is " + column.type().sqlType()
                    + ": an object needs a json or jsonb column (or columns named <field>_<inner> for its fields)";
        }
        if (field.kinds().contains("array") && category == ColumnType.Category.SCALAR) {
            return "column " + column.name() + " is " + column.type().sqlType()
                    + ": an array needs an array or json/jsonb column";
        }
        return null;
    }

    private List<UnmappedColumn> unfilled(Fitted f) throws SQLException {
        Map<String, ColumnDefaults.Facts> facts = ColumnDefaults.read(connection, f.table().oid());
        List<UnmappedColumn> unfilled = new ArrayList<>();
        for (TableColumn column : f.table().columns()) {
            if (column.generated() || f.columns().containsValue(column.name())) {
                continue;
            }
            ColumnDefaults.Facts fact = facts.get(column.name());
            boolean nullable = fact == null || fact.nullable();
            String defaultValue = fact == null ? null : fact.defaultValue();
            unfilled.add(new UnmappedColumn(f.collection(), f.table().name().toString(), column.name(),
                    column.type().sqlType(), nullable, defaultValue, !nullable && defaultValue == null));
        }
        return unfilled;
    }

    /** Unqualified in the default schema, as a mapping file names it. */
    private String tableName(TableName name) {
        return name.schema().equals(defaultSchema) ? name.name() : name.schema() + "." + name.name();
    }
}
