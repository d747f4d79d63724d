package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the array a child mapping names into the child table's rows: one per element, with the
 * parent key's values taken from the parent record's resolved columns, the element's index, and
 * either the element itself ({@code value}) or its fields ({@code columns}, {@code extras}).
 */
public final class ChildResolver {

    private final ChildMapping child;
    private final Path mappingFile;
    private final ExplicitFieldResolver elementFields;

    public ChildResolver(ChildMapping child, String collection, Path mappingFile) {
        this.child = child;
        this.mappingFile = mappingFile;
        this.elementFields = child.value().isPresent() ? null
                : new ExplicitFieldResolver(child.columns(), child.extras(), Optional.empty(), List.of(), "",
                        collection, mappingFile);
    }

    public ChildMapping mapping() {
        return child;
    }

    /**
     * @param parentValues the parent record's values by column, as its resolver gave them
     * @return the rows, in element order (an element that cannot be mapped as a refused row naming its
     *         path, {@code comments[2].at}); none when the array is missing, null or empty
     * @throws UnmappableRecord when the field holds something other than an array
     */
    public List<ChildRow> resolve(ObjectNode record, Map<String, FieldValue> parentValues) {
        JsonNode array = record;
        for (String name : child.path().split("\\.")) {
            array = array.isObject() ? array.get(name) : null;
            if (array == null || array.isNull()) {
                return List.of();
            }
        }
        if (!array.isArray()) {
            throw new UnmappableRecord(child.path(), "holds " + JsonKinds.describe(array) + ", but mapping file "
                    + mappingFile + " loads it into child table " + child.table() + ": expected an array");
        }
        List<ChildRow> rows = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                rows.add(row(i, array.get(i), parentValues));
            } catch (UnmappableRecord e) {
                rows.add(new ChildRow(i, Map.of(), e));
            }
        }
        return rows;
    }

    private ChildRow row(int index, JsonNode element, Map<String, FieldValue> parentValues) {
        String path = child.path() + "[" + index + "]";
        Map<String, FieldValue> values = new LinkedHashMap<>();
        child.parentKey().forEach((childColumn, parentColumn) -> {
            FieldValue parent = parentValues.get(parentColumn);
            values.put(childColumn, parent == null ? new FieldValue("(parent " + parentColumn + ")", null)
                    : new FieldValue(parent.path(), parent.value()));
        });
        child.position().ifPresent(column -> values.put(column, new FieldValue(path + " (position)",
                IntNode.valueOf(index))));
        if (child.value().isPresent()) {
            values.put(child.value().get(), new FieldValue(path, element));
        } else if (element instanceof ObjectNode object) {
            try {
                elementFields.resolve(object, index).forEach((column, value) ->
                        values.put(column, new FieldValue(path + "." + value.path(), value.value(), value.options())));
            } catch (UnmappableRecord e) {
                throw e.within(path);
            }
        } else {
            throw new UnmappableRecord(path, "holds " + JsonKinds.describe(element) + ", but mapping file " + mappingFile
                    + " maps the fields of objects there (" + String.join(", ", child.columns().keySet())
                    + "); for an array of scalars use 'value'");
        }
        return new ChildRow(index, values, null);
    }
}
