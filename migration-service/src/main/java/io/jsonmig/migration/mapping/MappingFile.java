package io.jsonmig.migration.mapping;

import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping file: {@code {"collections": {"users": {"table": "users", "columns": {"address.geo.lat":
 * "address_geo_lat", ...}}}}}, collections in load order. Reading it reports every problem at once,
 * each naming the file and the field.
 */
public record MappingFile(Path file, List<CollectionMapping> collections) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> COLLECTION_FIELDS = Set.of("table", "columns");

    public MappingFile {
        collections = List.copyOf(collections);
    }

    public static MappingFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PhaseFailure("mapping file " + file + ": invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PhaseFailure("mapping file " + file + ": cannot read: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        List<CollectionMapping> collections = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add("mapping file " + file + ": expected a JSON object with the field 'collections'");
        } else {
            root.fieldNames().forEachRemaining(name -> {
                if (!name.equals("collections")) {
                    problems.add("mapping file " + file + ": field '" + name + "' is not known (expected 'collections')");
                }
            });
            JsonNode entries = root.get("collections");
            if (entries == null || !entries.isObject() || entries.isEmpty()) {
                problems.add("mapping file " + file + ": field 'collections' must be an object naming at least one "
                        + "collection, e.g. {\"users\": {\"table\": \"users\", \"columns\": {\"id\": \"id\"}}}");
            } else {
                entries.properties().forEach(e -> collection(file, e.getKey(), e.getValue(), problems)
                        .ifPresent(collections::add));
            }
        }
        checkTablesAreDistinct(file, collections, problems);
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.size() == 1 ? problems.get(0)
                    : "mapping file " + file + " has " + problems.size() + " problems: " + String.join("; ", problems),
                    problems);
        }
        return new MappingFile(file, collections);
    }

    public CollectionMapping collection(String name) {
        return collections.stream().filter(c -> c.collection().equals(name)).findFirst().orElse(null);
    }

    private static Optional<CollectionMapping> collection(Path file, String name, JsonNode entry,
                                                                    List<String> problems) {
        String where = "mapping file " + file + ": field 'collections." + name;
        int before = problems.size();
        if (!entry.isObject()) {
            problems.add(where + "' must be an object with 'table' and 'columns'");
            return Optional.empty();
        }
        entry.fieldNames().forEachRemaining(field -> {
            if (!COLLECTION_FIELDS.contains(field)) {
                problems.add(where + "." + field + "' is not known (expected 'table' and 'columns')");
            }
        });
        JsonNode table = entry.get("table");
        if (table == null || !table.isTextual() || table.asText().isBlank()) {
            problems.add(where + ".table' must be a table name, e.g. \"" + name + "\" or \"public." + name + "\"");
        }
        JsonNode columns = entry.get("columns");
        Map<String, String> mapped = new LinkedHashMap<>();
        if (columns == null || !columns.isObject() || columns.isEmpty()) {
            problems.add(where + ".columns' must be an object mapping field paths to columns");
        } else {
            Map<String, String> pathByColumn = new HashMap<>();
            columns.properties().forEach(c -> {
                String path = c.getKey();
                String at = where + ".columns[\"" + path + "\"]'";
                if (!c.getValue().isTextual() || c.getValue().asText().isBlank()) {
                    problems.add(at + " must be a column name (a non-empty string)");
                    return;
                }
                if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                    problems.add(at + " is not a field path (names joined by dots, e.g. address.geo.lat)");
                    return;
                }
                String column = c.getValue().asText();
                String other = pathByColumn.putIfAbsent(column, path);
                if (other != null) {
                    problems.add(where + ".columns' maps both '" + other + "' and '" + path + "' to column '"
                            + column + "'");
                }
                mapped.put(path, column);
            });
            for (String path : mapped.keySet()) {
                for (String other : mapped.keySet()) {
                    if (other.startsWith(path + ".")) {
                        problems.add(where + ".columns' maps '" + path + "' whole and '" + other
                                + "' inside it; map the object whole or its fields, not both");
                    }
                }
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CollectionMapping(name, table.asText(), mapped));
    }

    private static void checkTablesAreDistinct(Path file, List<CollectionMapping> collections, List<String> problems) {
        Map<String, String> collectionByTable = new HashMap<>();
        for (CollectionMapping c : collections) {
            String other = collectionByTable.putIfAbsent(c.table(), c.collection());
            if (other != null) {
                problems.add("mapping file " + file + ": collections '" + other + "' and '" + c.collection()
                        + "' both load table '" + c.table() + "'; map each collection to a table of its own");
            }
        }
    }
}
