package io.jsonmig.migration.mapping;

import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.catalog.TargetCatalog;
import io.jsonmig.migration.catalog.TargetTable;
import io.jsonmig.migration.target.TableName;
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

    public MappingPlanner(TargetCatalog catalog, String defaultSchema, Set<TableName> preExistingTables) {
        this.catalog = catalog;
        this.defaultSchema = defaultSchema;
        this.preExistingTables = preExistingTables;
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
            c.columns().forEach((path, column) -> {
                Optional<TableColumn> found = table.get().column(column);
                if (found.isEmpty()) {
                    problems.add("mapping file " + mapping.file() + " maps field '" + path + "' of collection '"
                            + c.collection() + "' to column '" + column + "', which table " + name + " does not have");
                } else if (found.get().generated()) {
                    problems.add("mapping file " + mapping.file() + " maps field '" + path + "' of collection '"
                            + c.collection() + "' to column '" + column + "' of " + name
                            + ", which is generated and cannot be written");
                } else {
                    columns.add(found.get());
                }
            });
            plans.add(new CollectionPlan(c.collection(), table.get(), preExistingTables.contains(name),
                    new ExplicitFieldResolver(c, mapping.file()), Optional.of(columns)));
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
