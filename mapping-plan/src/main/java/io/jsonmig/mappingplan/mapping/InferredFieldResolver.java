package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves fields by name when there is no mapping file ({@link ColumnMatcher}'s rules): a field
 * goes to the column of the same name or its snake_case form ({@code createdAt} → {@code created_at});
 * an object's fields are flattened with {@code _} ({@code address.geo.lat} → {@code address_geo_lat})
 * when such columns exist, otherwise the whole object goes to the column named like the field (jsonb).
 */
public final class InferredFieldResolver implements FieldResolver {

    private final TargetTable table;
    private final ColumnMatcher matcher;

    public InferredFieldResolver(TargetTable table) {
        this.table = table;
        this.matcher = new ColumnMatcher(table);
    }

    @Override
    public Map<String, FieldValue> resolve(ObjectNode record, long position) {
        Map<String, FieldValue> values = new LinkedHashMap<>();
        resolve(record, "", "", values);
        return values;
    }

    /** Names decide here, and the kind of a value only between flattening an object and taking it whole. */
    @Override
    public Optional<FieldRoutes> routes() {
        return Optional.of(new RouteCache(FieldRoute.root(""), this::route, Set.of()));
    }

    private FieldRoute route(FieldRoute parent, String name) {
        List<String> candidates = matcher.candidates((String) parent.context(), name);
        String whole = matcher.whole(candidates).orElse(null);
        String flattened = matcher.flattened(candidates).orElse(null);
        return new FieldRoute(parent.pathOf(name), whole, ValueOptions.DEFAULTS, flattened != null, false,
                flattened == null ? null : flattened + "_", new HashMap<>());
    }

    private void resolve(JsonNode object, String pathPrefix, String columnPrefix, Map<String, FieldValue> values) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String path = pathPrefix.isEmpty() ? field.getKey() : pathPrefix + "." + field.getKey();
            JsonNode value = field.getValue();
            List<String> candidates = matcher.candidates(columnPrefix, field.getKey());
            String whole = matcher.whole(candidates).orElse(null);
            String flattened = matcher.flattened(candidates).orElse(null);
            if (flattened != null && (value.isObject() || (value.isNull() && whole == null))) {
                try {
                    Map<String, FieldValue> inner = new LinkedHashMap<>();
                    resolve(value, path, flattened + "_", inner);
                    values.putAll(inner);
                    continue;
                } catch (UnmappableRecord notFlat) {
                    if (whole == null) {
                        throw notFlat;
                    }
                }
            }
            if (whole == null) {
                throw new UnmappableRecord(path, "maps to no column of table " + table.name() + " (looked for "
                        + String.join(" or ", candidates) + "); add the column or map the field in a mapping file");
            }
            values.put(whole, new FieldValue(path, value));
        }
    }
}
