package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves fields with a mapping plan: every field path of a record must be mapped, whole or field by
 * field, or land in the extras column when the plan names one. Defaults fill missing or null fields;
 * a generated key is added from the record's position.
 */
public final class ExplicitFieldResolver implements FieldResolver {

    /** The mapped paths as a tree: a node names a column, holds a child table's array, or has mapped fields inside. */
    private static final class PathNode {
        private ColumnMapping column;
        private boolean child;
        private final Map<String, PathNode> fields = new LinkedHashMap<>();
    }

    private final PathNode root = new PathNode();
    private final Map<String, ColumnMapping> columns;
    private final Optional<String> extras;
    private final Optional<GeneratedKey> key;
    private final String migrationId;
    private final String collection;
    private final Path mappingFile;

    /** For a collection's records. */
    public ExplicitFieldResolver(CollectionMapping mapping, Path mappingFile, String migrationId) {
        this(mapping.columns(), mapping.extras(), mapping.key(),
                mapping.children().stream().map(ChildMapping::path).toList(), migrationId, mapping.collection(),
                mappingFile);
    }

    ExplicitFieldResolver(Map<String, ColumnMapping> columns, Optional<String> extras, Optional<GeneratedKey> key,
                          List<String> childPaths, String migrationId, String collection, Path mappingFile) {
        this.columns = columns;
        this.extras = extras;
        this.key = key;
        this.migrationId = migrationId;
        this.collection = collection;
        this.mappingFile = mappingFile;
        columns.forEach((path, column) -> node(path).column = column);
        childPaths.forEach(path -> node(path).child = true);
    }

    /**
     * Routes when every record's values follow from its field paths: not with an extras column (it
     * gathers the unmapped fields) or a generated key (it comes from the record's position).
     */
    @Override
    public Optional<FieldRoutes> routes() {
        if (extras.isPresent() || key.isPresent()) {
            return Optional.empty();
        }
        Set<String> withDefaults = columns.values().stream().filter(c -> c.defaultValue().isPresent())
                .map(ColumnMapping::column).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new RouteCache(FieldRoute.root(root), ExplicitFieldResolver::route, withDefaults));
    }

    /** Null for a field no path maps: an error, which the tree path reports. */
    private static FieldRoute route(FieldRoute parent, String name) {
        PathNode node = ((PathNode) parent.context()).fields.get(name);
        if (node == null) {
            return null;
        }
        ColumnMapping column = node.column;
        return new FieldRoute(parent.pathOf(name), column == null ? null : column.column(),
                column == null ? ValueOptions.DEFAULTS : column.options(), column == null && !node.child,
                node.child, node, new HashMap<>());
    }

    private PathNode node(String path) {
        PathNode node = root;
        for (String name : path.split("\\.")) {
            node = node.fields.computeIfAbsent(name, n -> new PathNode());
        }
        return node;
    }

    @Override
    public Map<String, FieldValue> resolve(ObjectNode record, long position) {
        Map<String, FieldValue> values = new LinkedHashMap<>();
        List<Unmapped> unmapped = extras.isPresent() ? new ArrayList<>() : null;
        walk(record, root, new ArrayList<>(), values, unmapped);
        columns.forEach((path, column) -> column.defaultValue().ifPresent(defaultValue -> {
            FieldValue value = values.get(column.column());
            if (value == null || value.value().isNull()) {
                values.put(column.column(), new FieldValue(path, defaultValue, column.options()));
            }
        }));
        key.ifPresent(k -> values.put(k.column(), new FieldValue("(key " + k.column() + ")",
                k.value(migrationId, collection, position))));
        extras.ifPresent(column -> values.put(column, new FieldValue("(extras " + column + ")", collect(unmapped))));
        return values;
    }

    /** A field no path maps, by its names from the record's root. */
    private record Unmapped(List<String> names, JsonNode value) {
    }

    private void walk(JsonNode object, PathNode node, List<String> names, Map<String, FieldValue> values,
                      List<Unmapped> unmapped) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            List<String> here = new ArrayList<>(names);
            here.add(field.getKey());
            String path = String.join(".", here);
            PathNode mapped = node.fields.get(field.getKey());
            JsonNode value = field.getValue();
            if (mapped == null) {
                if (unmapped == null) {
                    throw new UnmappableRecord(path, "maps to no column: mapping file " + mappingFile
                            + " does not list it");
                }
                unmapped.add(new Unmapped(here, value));
            } else if (mapped.child) {
                // loaded into its child table
                continue;
            } else if (mapped.column != null) {
                values.put(mapped.column.column(), new FieldValue(path, value, mapped.column.options()));
            } else if (value.isObject()) {
                walk(value, mapped, here, values, unmapped);
            } else if (!value.isNull()) {
                throw new UnmappableRecord(path, "holds " + JsonKinds.describe(value) + ", but mapping file "
                        + mappingFile + " maps the fields of an object there: " + String.join(", ", mapped.fields.keySet()));
            }
        }
    }

    /** The unmapped fields as one object, nested as in the record. */
    private static ObjectNode collect(List<Unmapped> unmapped) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        for (Unmapped field : unmapped) {
            ObjectNode parent = extras;
            for (String name : field.names().subList(0, field.names().size() - 1)) {
                parent = parent.withObjectProperty(name);
            }
            parent.set(field.names().get(field.names().size() - 1), field.value());
        }
        return extras;
    }
}
