package io.jsonmig.mappingplan.mapping;

import io.jsonmig.events.serde.NodeLocations;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a mapping plan, collecting every problem with the file, key path and line it concerns. */
final class MappingFileReader {

    /** The keys each level of a plan accepts; docs/mapping-plan.schema.json lists the same. */
    static final List<String> ROOT_KEYS = List.of("version", "collections");
    static final List<String> COLLECTION_KEYS = List.of("table", "key", "extras", "columns", "children");
    static final List<String> KEY_KEYS = List.of("column", "generate");
    static final List<String> COLUMN_KEYS = List.of("column", "default", "epoch", "binary");
    static final List<String> CHILD_KEYS = List.of("table", "parent-key", "position", "value", "extras", "columns");
    static final int VERSION = 2;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A key path in the plan, as shown ({@code collections.users.columns["createdAt"].epoch}) and as a pointer. */
    private record At(String display, JsonPointer pointer) {

        static final At ROOT = new At("", JsonPointer.empty());

        At field(String name) {
            return new At(display.isEmpty() ? name : display + "." + name, pointer.appendProperty(name));
        }

        At entry(String name) {
            return new At(display + "[\"" + name + "\"]", pointer.appendProperty(name));
        }
    }

    private final Path file;
    private final NodeLocations lines;
    private final List<String> problems = new ArrayList<>();

    private MappingFileReader(Path file, NodeLocations lines) {
        this.file = file;
        this.lines = lines;
    }

    static MappingFile read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        String format;
        if (name.endsWith(".json")) {
            mapper = JSON;
            format = "JSON";
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = YAML;
            format = "YAML";
        } else {
            throw new PhaseFailure("mapping file " + file + ": the name must end in .json, .yaml or .yml, "
                    + "which says how to read it");
        }
        JsonNode root;
        NodeLocations lines;
        try {
            root = mapper.readTree(file.toFile());
            lines = NodeLocations.of(mapper.getFactory(), file);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new PhaseFailure("mapping file " + file + ": invalid " + format
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PhaseFailure("mapping file " + file + ": cannot read: " + e.getMessage());
        }
        return new MappingFileReader(file, lines).plan(root);
    }

    private MappingFile plan(JsonNode root) {
        List<CollectionMapping> collections = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add("mapping file " + file + ": expected an object with the key 'collections'");
        } else {
            unknownKeys(root, At.ROOT, ROOT_KEYS);
            JsonNode version = root.get("version");
            if (version != null && !(version.isIntegralNumber() && version.asLong() == VERSION)) {
                problem(At.ROOT.field("version"), "must be " + VERSION + " (or absent)");
            }
            JsonNode entries = root.get("collections");
            At at = At.ROOT.field("collections");
            if (entries == null || !entries.isObject() || entries.isEmpty()) {
                problem(at, "must be an object naming at least one collection, e.g. "
                        + "{\"users\": {\"table\": \"users\", \"columns\": {\"id\": \"id\"}}}");
            } else {
                entries.properties().forEach(e -> collection(e.getKey(), e.getValue(), at.field(e.getKey()))
                        .ifPresent(collections::add));
            }
        }
        checkTablesAreDistinct(collections);
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.size() == 1 ? problems.get(0)
                    : "mapping file " + file + " has " + problems.size() + " problems: " + String.join("; ", problems),
                    problems);
        }
        return new MappingFile(file, collections);
    }

    private Optional<CollectionMapping> collection(String name, JsonNode entry, At at) {
        int before = problems.size();
        if (!entry.isObject()) {
            problem(at, "must be an object with 'table' and 'columns'");
            return Optional.empty();
        }
        unknownKeys(entry, at, COLLECTION_KEYS);
        String table = requiredName(entry, at, "table", "a table name, e.g. \"" + name + "\" or \"public." + name + "\"");
        Optional<GeneratedKey> key = key(entry.get("key"), at.field("key"));
        Optional<String> extras = optionalName(entry, at, "extras");
        Map<String, ColumnMapping> columns = columns(entry.get("columns"), at.field("columns"), extras.isPresent());

        Map<String, String> owners = new LinkedHashMap<>();
        columns.forEach((path, c) -> claim(owners, c.column(), "'" + path + "'", at.field("columns")));
        key.ifPresent(k -> claim(owners, k.column(), "the generated key", at.field("key")));
        extras.ifPresent(e -> claim(owners, e, "the extras", at.field("extras")));

        List<ChildMapping> children = children(entry.get("children"), at.field("children"), columns);
        for (ChildMapping child : children) {
            At childAt = at.field("children").entry(child.path());
            child.parentKey().forEach((childColumn, parentColumn) -> {
                if (!owners.containsKey(parentColumn)
                        || extras.filter(parentColumn::equals).isPresent()) {
                    problem(childAt.field("parent-key").entry(childColumn), "names column '" + parentColumn
                            + "' of the parent, which no field of collection '" + name + "' fills (map a field to it, "
                            + "or generate it with 'key')");
                }
            });
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CollectionMapping(name, table, key, extras, columns, children));
    }

    private Optional<GeneratedKey> key(JsonNode node, At at) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(at, "must be an object with 'column' and 'generate' (uuid or position)");
            return Optional.empty();
        }
        unknownKeys(node, at, KEY_KEYS);
        String column = requiredName(node, at, "column", "a column name");
        JsonNode generate = node.get("generate");
        GeneratedKey.Kind kind = null;
        if (generate == null || !generate.isTextual()) {
            problem(at.field("generate"), "must be uuid or position");
        } else {
            kind = switch (generate.textValue()) {
                case "uuid" -> GeneratedKey.Kind.UUID;
                case "position" -> GeneratedKey.Kind.POSITION;
                default -> {
                    problem(at.field("generate"), "is '" + generate.textValue() + "'; expected uuid or position");
                    yield null;
                }
            };
        }
        return column == null || kind == null ? Optional.empty() : Optional.of(new GeneratedKey(column, kind));
    }

    /** Field path → column, short ({@code "path": "column"}) or long ({@code "path": {"column": ...}}) form. */
    private Map<String, ColumnMapping> columns(JsonNode node, At at, boolean mayBeEmpty) {
        Map<String, ColumnMapping> mapped = new LinkedHashMap<>();
        if (node == null && mayBeEmpty) {
            return mapped;
        }
        if (node == null || !node.isObject() || (node.isEmpty() && !mayBeEmpty)) {
            problem(at, "must be an object mapping field paths to columns");
            return mapped;
        }
        node.properties().forEach(c -> {
            String path = c.getKey();
            At entryAt = at.entry(path);
            if (!isFieldPath(path)) {
                problem(entryAt, "is not a field path (names joined by dots, e.g. address.geo.lat)");
                return;
            }
            column(c.getValue(), entryAt).ifPresent(column -> mapped.put(path, column));
        });
        for (String path : mapped.keySet()) {
            for (String other : mapped.keySet()) {
                if (other.startsWith(path + ".")) {
                    problem(at, "maps '" + path + "' whole and '" + other
                            + "' inside it; map the object whole or its fields, not both");
                }
            }
        }
        return mapped;
    }

    private Optional<ColumnMapping> column(JsonNode node, At at) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            return Optional.of(ColumnMapping.of(node.textValue()));
        }
        if (!node.isObject()) {
            problem(at, "must be a column name (a non-empty string) or an object with 'column' "
                    + "(and 'default', 'epoch', 'binary')");
            return Optional.empty();
        }
        unknownKeys(node, at, COLUMN_KEYS);
        String column = requiredName(node, at, "column", "a column name");
        ValueOptions.EpochUnit epoch = ValueOptions.DEFAULTS.epochUnit();
        JsonNode epochNode = node.get("epoch");
        if (epochNode != null) {
            String text = epochNode.isTextual() ? epochNode.textValue() : epochNode.toString();
            switch (text) {
                case "seconds" -> epoch = ValueOptions.EpochUnit.SECONDS;
                case "milliseconds" -> epoch = ValueOptions.EpochUnit.MILLISECONDS;
                default -> problem(at.field("epoch"), "is '" + text + "'; expected seconds or milliseconds");
            }
        }
        ValueOptions.BinaryEncoding binary = ValueOptions.DEFAULTS.binary();
        JsonNode binaryNode = node.get("binary");
        if (binaryNode != null) {
            if (binaryNode.isTextual() && binaryNode.textValue().equals("base64")) {
                binary = ValueOptions.BinaryEncoding.BASE64;
            } else {
                problem(at.field("binary"), "is '" + (binaryNode.isTextual() ? binaryNode.textValue() : binaryNode)
                        + "'; expected base64");
            }
        }
        if (column == null) {
            return Optional.empty();
        }
        return Optional.of(new ColumnMapping(column, Optional.ofNullable(node.get("default")),
                new ValueOptions(epoch, binary)));
    }

    private List<ChildMapping> children(JsonNode node, At at, Map<String, ColumnMapping> parentColumns) {
        List<ChildMapping> children = new ArrayList<>();
        if (node == null) {
            return children;
        }
        if (!node.isObject() || node.isEmpty()) {
            problem(at, "must be an object mapping array field paths to child tables");
            return children;
        }
        node.properties().forEach(e -> {
            String path = e.getKey();
            At childAt = at.entry(path);
            if (!isFieldPath(path)) {
                problem(childAt, "is not a field path (names joined by dots, e.g. meta.tags)");
                return;
            }
            for (String mapped : parentColumns.keySet()) {
                if (overlaps(path, mapped)) {
                    problem(childAt, "is also mapped in 'columns' ('" + mapped + "'); an array goes to a child table "
                            + "or into a column, not both");
                }
            }
            child(path, e.getValue(), childAt).ifPresent(children::add);
        });
        for (ChildMapping a : children) {
            for (ChildMapping b : children) {
                if (b.path().startsWith(a.path() + ".")) {
                    problem(at, "maps '" + a.path() + "' and '" + b.path() + "' inside it to child tables");
                }
            }
        }
        return children;
    }

    private Optional<ChildMapping> child(String path, JsonNode node, At at) {
        int before = problems.size();
        if (!node.isObject()) {
            problem(at, "must be an object with 'table', 'parent-key' and 'columns' or 'value'");
            return Optional.empty();
        }
        unknownKeys(node, at, CHILD_KEYS);
        String table = requiredName(node, at, "table", "a table name");
        Map<String, String> parentKey = new LinkedHashMap<>();
        JsonNode keyNode = node.get("parent-key");
        At keyAt = at.field("parent-key");
        if (keyNode == null || !keyNode.isObject() || keyNode.isEmpty()) {
            problem(keyAt, "must be an object naming, for each child column, the parent's column it takes, "
                    + "e.g. {\"user_id\": \"id\"}");
        } else {
            keyNode.properties().forEach(k -> {
                if (!k.getValue().isTextual() || k.getValue().textValue().isBlank()) {
                    problem(keyAt.entry(k.getKey()), "must be a column of the parent table (a non-empty string)");
                } else {
                    parentKey.put(k.getKey(), k.getValue().textValue());
                }
            });
        }
        Optional<String> position = optionalName(node, at, "position");
        Optional<String> value = optionalName(node, at, "value");
        Optional<String> extras = optionalName(node, at, "extras");
        boolean objects = node.has("columns") || node.has("extras");
        Map<String, ColumnMapping> columns = new LinkedHashMap<>();
        if (value.isPresent() && objects) {
            problem(at, "has 'value' (for an array of scalars) and 'columns' or 'extras' (for an array of objects); "
                    + "keep the one that fits the array");
        } else if (!node.has("value") && !objects) {
            problem(at, "needs 'columns' (for an array of objects) or 'value' (for an array of scalars)");
        } else if (objects) {
            columns = columns(node.get("columns"), at.field("columns"), extras.isPresent());
        }
        Map<String, String> owners = new LinkedHashMap<>();
        parentKey.keySet().forEach(c -> claim(owners, c, "parent-key[\"" + c + "\"]", at));
        position.ifPresent(c -> claim(owners, c, "position", at));
        value.ifPresent(c -> claim(owners, c, "value", at));
        extras.ifPresent(c -> claim(owners, c, "extras", at));
        columns.forEach((p, c) -> claim(owners, c.column(), "'" + p + "'", at));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ChildMapping(path, table, parentKey, position, value, extras, columns));
    }

    private void checkTablesAreDistinct(List<CollectionMapping> collections) {
        Map<String, String> ownerByTable = new LinkedHashMap<>();
        for (CollectionMapping c : collections) {
            List<Map.Entry<String, String>> tables = new ArrayList<>();
            tables.add(Map.entry(c.table(), c.collection()));
            c.children().forEach(child -> tables.add(Map.entry(child.table(),
                    c.collection() + ".children[\"" + child.path() + "\"]")));
            for (Map.Entry<String, String> t : tables) {
                String other = ownerByTable.putIfAbsent(t.getKey(), t.getValue());
                if (other != null) {
                    problems.add("mapping file " + file + ": collections '" + other + "' and '" + t.getValue()
                            + "' both load table '" + t.getKey() + "'; map each to a table of its own");
                }
            }
        }
    }

    /** Records that {@code owner} writes {@code column}; a column written twice is a problem. */
    private void claim(Map<String, String> owners, String column, String owner, At at) {
        String other = owners.putIfAbsent(column, owner);
        if (other != null) {
            problem(at, "maps both " + other + " and " + owner + " to column '" + column + "'");
        }
    }

    private String requiredName(JsonNode node, At at, String key, String what) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            problem(at.field(key), "must be " + what + " (a non-empty string)");
            return null;
        }
        return value.textValue();
    }

    private Optional<String> optionalName(JsonNode node, At at, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(at.field(key), "must be a column name (a non-empty string)");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    private void unknownKeys(JsonNode node, At at, List<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(at.field(name), "is not known (expected " + String.join(", ", known) + ")");
            }
        });
    }

    private void problem(At at, String message) {
        int line = lines.lineOf(at.pointer());
        problems.add("mapping file " + file + (line > 0 ? " line " + line : "") + ": '" + at.display() + "' " + message);
    }

    private static boolean isFieldPath(String path) {
        return !(path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains(".."));
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }
}
