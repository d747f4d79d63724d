package io.jsonmig.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resolves fields with a mapping file: every field path of a record must be mapped, whole or field by field. */
public final class ExplicitFieldResolver implements FieldResolver {

    /** The mapped paths as a tree: a node either names a column or has mapped fields inside it. */
    private static final class PathNode {
        private String column;
        private final Map<String, PathNode> fields = new LinkedHashMap<>();
    }

    private final PathNode root = new PathNode();
    private final Path mappingFile;

    public ExplicitFieldResolver(CollectionMapping mapping, Path mappingFile) {
        this.mappingFile = mappingFile;
        mapping.columns().forEach((path, column) -> {
            PathNode node = root;
            for (String name : path.split("\\.")) {
                node = node.fields.computeIfAbsent(name, n -> new PathNode());
            }
            node.column = column;
        });
    }

    @Override
    public Map<String, FieldValue> resolve(ObjectNode record) {
        Map<String, FieldValue> values = new LinkedHashMap<>();
        walk(record, root, "", values);
        return values;
    }

    private void walk(JsonNode object, PathNode node, String prefix, Map<String, FieldValue> values) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            PathNode mapped = node.fields.get(field.getKey());
            JsonNode value = field.getValue();
            if (mapped == null) {
                throw new UnmappableRecord(path, "maps to no column: mapping file " + mappingFile
                        + " does not list it");
            }
            if (mapped.column != null) {
                values.put(mapped.column, new FieldValue(path, value));
            } else if (value.isObject()) {
                walk(value, mapped, path, values);
            } else if (!value.isNull()) {
                throw new UnmappableRecord(path, "holds " + JsonKinds.describe(value) + ", but mapping file "
                        + mappingFile + " maps the fields of an object there: " + String.join(", ", mapped.fields.keySet()));
            }
        }
    }
}
