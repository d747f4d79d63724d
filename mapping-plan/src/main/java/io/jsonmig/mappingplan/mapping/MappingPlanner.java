package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.support.messaging.PhaseFailure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fits the snapshot's collections to the target's tables, once the schema is in place: with the
 * mapping file (its order is the load order) or by name (parents before children, from the
 * foreign keys). Reports every problem at once.
 */
public final class MappingPlanner {

    private final TargetCatalog catalog;
    private final String defaultSchema;
    private final Set<TableName> preExistingTables;
    private final String migrationId;

    /** @param migrationId the run's id, from which generated keys are derived */
    public MappingPlanner(TargetCatalog catalog, String defaultSchema, Set<TableName> preExistingTables,
                          String migrationId) {
        this.catalog = catalog;
        this.defaultSchema = defaultSchema;
        this.preExistingTables = preExistingTables;
        this.migrationId = migrationId;
    }

    /** @param collections the snapshot's collections, in the order it holds them */
    public List<CollectionPlan> plan(Optional<MappingFile> mapping, List<String> collections) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<CollectionPlan> plans = mapping.isPresent()
                ? explicit(mapping.get(), collections, problems)
                : inferred(collections, problems);
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.size() == 1 ? problems.get(0)
                    : "the mapping does not fit the target: " + String.join("; ", problems), problems);
        }
        return plans;
    }

    private List<CollectionPlan> explicit(MappingFile mapping, List<String> collections, List<String> problems)
            throws SQLException {
        for (String collection : collections) {
            if (mapping.collection(collection) == null) {
                problems.add("collection '" + collection + "' of the snapshot is not in mapping file " + mapping.file()
                        + "; every collection must be mapped");
            }
        }
        List<CollectionPlan> plans = new ArrayList<>();
        for (CollectionMapping c : mapping.collections()) {
            if (!collections.contains(c.collection())) {
                problems.add("mapping file " + mapping.file() + " maps collection '" + c.collection()
                        + "', which the snapshot does not hold (it holds " + collections + ")");
                continue;
            }
            TableName name = TableName.parse(c.table(), defaultSchema);
            Optional<TargetTable> table = catalog.table(name);
            if (table.isEmpty()) {
                problems.add("table " + name + " of collection '" + c.collection() + "' (mapping file "
                        + mapping.file() + ") does not exist in the target after the schema migrations");
                continue;
            }
            List<TableColumn> columns = new ArrayList<>();
            String subject = "collection '" + c.collection() + "'";
            mapped(mapping, subject, table.get(), c.columns(), problems).forEach(columns::add);
            c.key().ifPresent(key -> column(mapping, subject, table.get(), "the generated key", key.column(), problems)
                    .ifPresent(columns::add));
            c.extras().ifPresent(extras -> extras(mapping, subject, table.get(), extras, problems)
                    .ifPresent(columns::add));
            List<ChildPlan> children = new ArrayList<>();
            for (ChildMapping child : c.children()) {
                child(mapping, c, child, problems).ifPresent(children::add);
            }
            plans.add(new CollectionPlan(c.collection(), table.get(), preExistingTables.contains(name),
                    new ExplicitFieldResolver(c, mapping.file(), migrationId), Optional.of(columns), children));
        }
        return plans;
    }

    private List<CollectionPlan> inferred(List<String> collections, List<String> problems) throws SQLException {
        Map<Long, CollectionPlan> byTable = new LinkedHashMap<>();
        for (String collection : collections) {
            Optional<TargetTable> table = InferredTables.find(catalog, collection, defaultSchema);
            if (table.isEmpty()) {
                problems.add("collection '" + collection + "' has no table: expected "
                        + InferredTables.candidates(collection, defaultSchema).stream().map(TableName::toString)
                                .collect(Collectors.joining(" or "))
                        + " after the schema migrations (or name its table in a mapping file)");
                continue;
            }
            TargetTable t = table.get();
            byTable.put(t.oid(), new CollectionPlan(collection, t, preExistingTables.contains(t.name()),
                    new InferredFieldResolver(t), Optional.empty()));
        }
        Map<Long, List<Long>> parents = new LinkedHashMap<>();
        for (Long oid : byTable.keySet()) {
            parents.put(oid, catalog.referencedTables(oid));
        }
        return parentsFirst(new ArrayList<>(byTable.values()), p -> parents.get(p.table().oid()).stream()
                .filter(byTable::containsKey).map(byTable::get).toList());
    }

    private Optional<ChildPlan> child(MappingFile mapping, CollectionMapping parent, ChildMapping child,
                                      List<String> problems) throws SQLException {
        String subject = "children[\"" + child.path() + "\"] of collection '" + parent.collection() + "'";
        TableName name = TableName.parse(child.table(), defaultSchema);
        Optional<TargetTable> table = catalog.table(name);
        if (table.isEmpty()) {
            problems.add("table " + name + " of " + subject + " (mapping file " + mapping.file()
                    + ") does not exist in the target after the schema migrations");
            return Optional.empty();
        }
        int before = problems.size();
        List<TableColumn> columns = new ArrayList<>();
        child.parentKey().keySet().forEach(column -> column(mapping, subject, table.get(), "the parent key", column,
                problems).ifPresent(columns::add));
        child.position().ifPresent(column -> column(mapping, subject, table.get(), "the position", column, problems)
                .ifPresent(columns::add));
        child.value().ifPresent(column -> column(mapping, subject, table.get(), "the value", column, problems)
                .ifPresent(columns::add));
        columns.addAll(mapped(mapping, subject, table.get(), child.columns(), problems));
        child.extras().ifPresent(extras -> extras(mapping, subject, table.get(), extras, problems)
                .ifPresent(columns::add));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ChildPlan(table.get(), preExistingTables.contains(name),
                new ChildResolver(child, parent.collection(), mapping.file()), columns));
    }

    /** The columns of field paths, each checked against the table and its options. */
    private static List<TableColumn> mapped(MappingFile mapping, String subject, TargetTable table,
                                            Map<String, ColumnMapping> columns, List<String> problems) {
        List<TableColumn> found = new ArrayList<>();
        columns.forEach((path, mapped) -> column(mapping, subject, table, "field '" + path + "'", mapped.column(),
                problems).ifPresent(column -> {
                    checkOptions(mapping, subject, path, mapped, column, problems);
                    found.add(column);
                }));
        return found;
    }

    private static Optional<TableColumn> extras(MappingFile mapping, String subject, TargetTable table, String extras,
                                                List<String> problems) {
        Optional<TableColumn> column = column(mapping, subject, table, "the extras", extras, problems);
        column.filter(c -> c.type().category() != ColumnType.Category.JSON).ifPresent(c ->
                problems.add("mapping file " + mapping.file() + " sends the extras of " + subject + " to column '"
                        + extras + "' of " + table.name() + ", which is " + c.type().sqlType()
                        + "; extras need a json or jsonb column"));
        return column;
    }

    /** The writable column the plan names for {@code what}; a missing or generated one is a problem. */
    private static Optional<TableColumn> column(MappingFile mapping, String subject, TargetTable table,
                                                String what, String column, List<String> problems) {
        Optional<TableColumn> found = table.column(column);
        if (found.isEmpty()) {
            problems.add("mapping file " + mapping.file() + " maps " + what + " of " + subject
                    + " to column '" + column + "', which table " + table.name() + " does not have");
            return Optional.empty();
        }
        if (found.get().generated()) {
            problems.add("mapping file " + mapping.file() + " maps " + what + " of " + subject
                    + " to column '" + column + "' of " + table.name() + ", which is generated and cannot be written");
            return Optional.empty();
        }
        return found;
    }

    /** An epoch unit or binary encoding only means something for the column types that read it. */
    private static void checkOptions(MappingFile mapping, String subject, String path, ColumnMapping mapped,
                                     TableColumn column, List<String> problems) {
        String base = scalarBase(column.type());
        if (mapped.options().epochUnit() != ValueOptions.DEFAULTS.epochUnit()
                && !base.equals("timestamp") && !base.equals("timestamptz")) {
            problems.add("mapping file " + mapping.file() + " gives field '" + path + "' of " + subject
                    + " an epoch unit, but column '" + column.name() + "' is "
                    + column.type().sqlType() + "; epoch applies to timestamp and timestamptz columns");
        }
        if (mapped.options().binary() != ValueOptions.DEFAULTS.binary() && !base.equals("bytea")) {
            problems.add("mapping file " + mapping.file() + " gives field '" + path + "' of " + subject
                    + " a binary encoding, but column '" + column.name() + "' is "
                    + column.type().sqlType() + "; binary applies to bytea columns");
        }
    }

    /** The type that reads each value: an array's element type, otherwise the column's. */
    private static String scalarBase(ColumnType type) {
        ColumnType scalar = type.category() == ColumnType.Category.ARRAY ? type.element() : type;
        return scalar.baseType() == null ? "" : scalar.baseType();
    }

    /**
     * Orders items so that each comes after the items it refers to, otherwise keeping the given
     * order; the members of a reference cycle keep their given order.
     */
    public static <T> List<T> parentsFirst(List<T> items, Function<T, List<T>> parentsOf) {
        List<T> ordered = new ArrayList<>();
        List<T> remaining = new ArrayList<>(items);
        while (!remaining.isEmpty()) {
            T next = remaining.stream()
                    .filter(item -> parentsOf.apply(item).stream().allMatch(p -> p == item || ordered.contains(p)))
                    .findFirst()
                    .orElse(remaining.get(0));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }
}
