package io.jsonmig.migration.plan;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ChildMapping;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.migration.plan.SourceFields.CollectionFields;
import io.jsonmig.support.messaging.PhaseFailure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a run's mapping leaves anything open for its source and target: a field no column takes, a
 * collection without a table, a NOT NULL column without default that no field fills. Without a mapping
 * file it is the inferred plan of {@code POST /plans}; with one, the file checked against the source
 * (every collection and field mapped, unless an extras column takes the rest) and against the catalog
 * ({@link MappingPlanner}, as the load fits it). Reads only.
 *
 * @param sourceProblems  what the source and the mapping file alone leave open
 * @param catalogProblems what the target's catalog as it is now leaves open: the schema migrations not
 *                        applied yet may settle these
 * @param covered         what was found complete, for the operator
 */
public record MappingCompleteness(List<String> sourceProblems, List<String> catalogProblems, String covered) {

    /** The id a preflight plans with: generated keys are derived from a run's id, and a preflight has none. */
    public static final String PREFLIGHT_RUN = "mig-00000000-000000-0000";

    public MappingCompleteness {
        sourceProblems = List.copyOf(sourceProblems);
        catalogProblems = List.copyOf(catalogProblems);
    }

    public static MappingCompleteness of(Connection connection, String defaultSchema, String sourceDir,
                                         String targetProfile, Map<String, CollectionFields> source,
                                         Optional<MappingFile> mapping) throws SQLException {
        return mapping.isPresent() ? explicit(connection, defaultSchema, source, mapping.get())
                : inferred(connection, defaultSchema, sourceDir, targetProfile, source);
    }

    private static MappingCompleteness inferred(Connection connection, String defaultSchema, String sourceDir,
                                                String targetProfile, Map<String, CollectionFields> source)
            throws SQLException {
        PlanDocument plan = new PlanInference(connection, defaultSchema).plan(sourceDir, targetProfile, source, List.of());
        List<String> open = new ArrayList<>();
        plan.collectionsWithoutTable().forEach(c -> open.add("collection '" + c.collection() + "' (" + c.records()
                + " records) has no table: expected " + String.join(" or ", c.expectedTables())));
        plan.unmappedFields().forEach(f -> open.add("field '" + f.path() + "' of collection '" + f.collection()
                + "' (" + f.kind() + ", e.g. record " + f.examplePosition() + ") is unmapped: " + f.reason()));
        plan.unmappedColumns().stream().filter(PlanDocument.UnmappedColumn::required).forEach(c -> open.add(
                "column " + c.column() + " of " + c.table() + " (" + c.type() + " NOT NULL, no default) is filled by "
                        + "no field of collection '" + c.collection() + "': every record would be rejected"));
        int fields = plan.mapping().collections().values().stream().mapToInt(c -> c.columns().size()).sum();
        return new MappingCompleteness(List.of(), open, "inferred by name: " + fields + " field" + (fields == 1 ? "" : "s")
                + " of " + plan.mapping().collections().size() + " collection"
                + (plan.mapping().collections().size() == 1 ? "" : "s") + " mapped, nothing left open");
    }

    private static MappingCompleteness explicit(Connection connection, String defaultSchema,
                                                Map<String, CollectionFields> source, MappingFile mapping)
            throws SQLException {
        List<String> sourceProblems = new ArrayList<>();
        List<CollectionMapping> present = new ArrayList<>();
        for (String collection : source.keySet()) {
            if (mapping.collection(collection) == null) {
                sourceProblems.add("collection '" + collection + "' of the source is not in mapping file " + mapping.file()
                        + "; every collection must be mapped");
            }
        }
        for (CollectionMapping c : mapping.collections()) {
            CollectionFields fields = source.get(c.collection());
            if (fields == null) {
                sourceProblems.add("mapping file " + mapping.file() + " maps collection '" + c.collection()
                        + "', which the source does not hold (it holds " + source.keySet() + ")");
                continue;
            }
            present.add(c);
            if (c.extras().isEmpty()) {
                unmappedFields(c, mapping, tree(c), fields.records(), "", sourceProblems);
            }
        }
        List<String> catalogProblems = new ArrayList<>();
        List<CollectionPlan> plans = List.of();
        try {
            plans = new MappingPlanner(new TargetCatalog(connection), defaultSchema, java.util.Set.of(), PREFLIGHT_RUN)
                    .plan(Optional.of(new MappingFile(mapping.file(), present)),
                            present.stream().map(CollectionMapping::collection).toList());
        } catch (PhaseFailure unfit) {
            catalogProblems.addAll(unfit.problems());
        }
        for (CollectionPlan plan : plans) {
            unfilled(connection, plan.collection(), plan.table(), plan.columns().orElse(List.of()), catalogProblems);
            for (ChildPlan child : plan.children()) {
                unfilled(connection, plan.collection(), child.table(), child.columns(), catalogProblems);
            }
        }
        return new MappingCompleteness(sourceProblems, catalogProblems, "mapping file " + mapping.file() + " maps every "
                + "collection and field of the source (" + present.size() + " collection"
                + (present.size() == 1 ? "" : "s") + ") to existing columns, and fills every required column");
    }

    /** The mapped paths as a tree, as the load resolves a record: a node names a column, a child table, or inner fields. */
    private static final class PathNode {
        final Map<String, PathNode> fields = new HashMap<>();
        boolean leaf;
    }

    private static PathNode tree(CollectionMapping c) {
        PathNode root = new PathNode();
        List<String> paths = new ArrayList<>(c.columns().keySet());
        c.children().stream().map(ChildMapping::path).forEach(paths::add);
        for (String path : paths) {
            PathNode node = root;
            for (String name : path.split("\\.")) {
                node = node.fields.computeIfAbsent(name, n -> new PathNode());
            }
            node.leaf = true;
        }
        return root;
    }

    private static void unmappedFields(CollectionMapping c, MappingFile mapping, PathNode mapped, FieldNode object,
                                       String prefix, List<String> problems) {
        for (FieldNode field : object.fields()) {
            String path = prefix + field.name();
            PathNode node = mapped.fields.get(field.name());
            if (node == null) {
                problems.add("field '" + path + "' of collection '" + c.collection() + "' (" + field.describeKinds()
                        + ", e.g. record " + field.examplePosition() + ") is in no column of mapping file "
                        + mapping.file() + ", which names no extras column for the rest");
            } else if (!node.leaf) {
                if (field.kinds().stream().anyMatch(k -> !k.equals("object") && !k.equals("null"))) {
                    problems.add("field '" + path + "' of collection '" + c.collection() + "' holds "
                            + field.describeKinds() + ", but mapping file " + mapping.file()
                            + " maps the fields of an object there");
                }
                unmappedFields(c, mapping, node, field, path + ".", problems);
            }
        }
    }

    private static void unfilled(Connection connection, String collection, TargetTable table, List<TableColumn> written,
                                 List<String> problems) throws SQLException {
        Map<String, ColumnDefaults.Facts> facts = ColumnDefaults.read(connection, table.oid());
        for (TableColumn column : table.columns()) {
            ColumnDefaults.Facts fact = facts.get(column.name());
            if (column.generated() || fact == null || fact.nullable() || fact.defaultValue() != null
                    || written.stream().anyMatch(w -> w.name().equals(column.name()))) {
                continue;
            }
            problems.add("column " + column.name() + " of " + table.name() + " (" + column.type().sqlType()
                    + " NOT NULL, no default) is filled by no field of collection '" + collection
                    + "': every record would be rejected");
        }
    }
}
