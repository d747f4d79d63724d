package io.jsonmig.cli.start;

import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.serde.NodeLocations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a run file ({@code migration.yaml}, docs/run-file.md): every setting of a run, as YAML. Each
 * problem names the file, the line and column, and the key ({@code migration.yaml:7:3: reject.maxRatio:
 * ...}), and all of them are found at once. What needs the flags too (a missing source, the paths on
 * disk, the maintenance window as a whole) is checked later, by {@link RunSettings#toSpec}.
 */
public final class RunFileReader {

    static final int VERSION = 1;
    static final List<String> ROOT_KEYS = List.of("version", "source", "schema", "mapping", "target", "reject",
            "append", "maintenanceWindow", "smokeChecks", "notify", "dryRun", "remotePaths", "stabilization");
    static final List<String> SOURCE_KEYS = List.of("dir", "files", "layout");
    static final List<String> REJECT_KEYS = List.of("maxCount", "maxRatio");
    static final List<String> WINDOW_KEYS = List.of("scheduledAt", "expectedDowntime");
    static final List<String> STABILIZATION_KEYS = List.of("window", "probes", "interval", "baseline", "rollbackOn",
            "mode");
    static final List<String> BASELINE_KEYS = List.of("samples");
    static final List<String> ROLLBACK_ON_KEYS = List.of("failuresInARow", "p95Factor", "over", "errorRate",
            "connectionsShare");
    static final List<String> SMOKE_CHECK_KEYS = List.of("name", "sql", "expected", "url", "expectedStatus");
    static final List<String> PROBE_KEYS = List.of("name", "sql", "expected", "url", "expectedStatus", "method",
            "bodyContains", "timeout");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A key path in the file, as shown ({@code smokeChecks[1].url}) and as a pointer. */
    private record At(String display, JsonPointer pointer) {

        static final At ROOT = new At("", JsonPointer.empty());

        At field(String name) {
            return new At(display.isEmpty() ? name : display + "." + name, pointer.appendProperty(name));
        }

        At element(int index) {
            return new At(display + "[" + index + "]", pointer.appendIndex(index));
        }
    }

    private final String name;
    private final Path directory;
    private final NodeLocations locations;
    private final List<Found> problems = new ArrayList<>();

    /** A problem and where it is, to list them in the order of the file. */
    private record Found(int line, int column, String text) {

        static final Comparator<Found> IN_FILE_ORDER = Comparator
                .comparingInt((Found found) -> found.line() > 0 ? found.line() : Integer.MAX_VALUE)
                .thenComparingInt(Found::column);
    }

    private RunFileReader(String name, Path directory, NodeLocations locations) {
        this.name = name;
        this.directory = directory;
        this.locations = locations;
    }

    /** The settings of {@code file} and its problems; relative paths in it are relative to its directory. */
    public static RunFile read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            return unreadable(name, Files.exists(file) ? "is not a regular file"
                    : "does not exist (resolved to " + file.toAbsolutePath().normalize() + ")");
        }
        JsonNode root;
        NodeLocations locations;
        try {
            root = YAML.readTree(file.toFile());
            locations = NodeLocations.of(YAML.getFactory(), file);
        } catch (JsonProcessingException e) {
            return new RunFile(name, null, List.of(invalidYaml(name, e)));
        } catch (IOException e) {
            return unreadable(name, "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new RunFile(name, null, List.of(name + ":1:1: expected a mapping of settings, starting with "
                    + "'version: " + VERSION + "' (see docs/run-file.md)"));
        }
        RunFileReader reader = new RunFileReader(name, file.toAbsolutePath().getParent(), locations);
        RunSettings settings = reader.settings(root);
        return new RunFile(name, settings, reader.problems.stream().sorted(Found.IN_FILE_ORDER).map(Found::text).toList());
    }

    private static RunFile unreadable(String name, String why) {
        return new RunFile(name, null, List.of("run file (-f) '" + name + "' " + why));
    }

    private static String invalidYaml(String name, JsonProcessingException e) {
        String why = e.getOriginalMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                why = marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext()
                        + (marked.getContextMark() == null ? "" : " at line " + (marked.getContextMark().getLine() + 1)
                        + ", column " + (marked.getContextMark().getColumn() + 1)) + ")");
                break;
            }
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? name
                : name + ":" + location.getLineNr() + ":" + location.getColumnNr();
        return where + ": invalid YAML: " + why.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private RunSettings settings(JsonNode root) {
        unknownRootKeys(root);
        version(root.get("version"));
        Setting<String> sourceDir = null;
        List<Setting<String>> files = List.of();
        Setting<String> layout = null;
        JsonNode source = root.get("source");
        At sourceAt = At.ROOT.field("source");
        if (source != null && source.isTextual()) {
            sourceDir = string(root, At.ROOT, "source", "a directory");
        } else if (source != null && source.isObject()) {
            unknownKeys(source, sourceAt, SOURCE_KEYS);
            sourceDir = string(source, sourceAt, "dir", "a directory");
            files = files(source.get("files"), sourceAt.field("files"));
            layout = string(source, sourceAt, "layout", "a layout (" + String.join(", ", RunSpec.LAYOUTS) + ")");
        } else if (source != null) {
            problem(sourceAt, "must be a directory or a mapping with dir (and files, layout), not " + kind(source));
            sourceDir = new Setting<>(null, origin(sourceAt));
        }
        At rejectAt = At.ROOT.field("reject");
        At windowAt = At.ROOT.field("maintenanceWindow");
        JsonNode reject = section(root, rejectAt, REJECT_KEYS);
        JsonNode window = section(root, windowAt, WINDOW_KEYS);
        At stabilizationAt = At.ROOT.field("stabilization");
        JsonNode stabilization = section(root, stabilizationAt, STABILIZATION_KEYS);
        return new RunSettings(sourceDir, files, layout,
                string(root, At.ROOT, "schema", "a directory"),
                string(root, At.ROOT, "mapping", "a file"),
                string(root, At.ROOT, "target", "a profile name"),
                integer(reject, rejectAt, "maxCount"),
                number(reject, rejectAt, "maxRatio"),
                bool(root, At.ROOT, "append"),
                string(window, windowAt, "scheduledAt", "a time with offset, e.g. '2026-11-25T22:00:00+01:00'"),
                duration(window, windowAt, "expectedDowntime", new DurationConverter()::convert),
                smokeChecks(root.get("smokeChecks"), At.ROOT.field("smokeChecks")),
                notify(root.get("notify"), At.ROOT.field("notify")),
                bool(root, At.ROOT, "dryRun"),
                bool(root, At.ROOT, "remotePaths"),
                duration(stabilization, stabilizationAt, "window", new WindowConverter()::convert),
                probing(stabilization, stabilizationAt));
    }

    private ProbeSettings probing(JsonNode stabilization, At at) {
        if (stabilization == null) {
            return ProbeSettings.NONE;
        }
        At baselineAt = at.field("baseline");
        At rollbackOnAt = at.field("rollbackOn");
        JsonNode baseline = section(stabilization, baselineAt, "baseline", BASELINE_KEYS);
        JsonNode rollbackOn = section(stabilization, rollbackOnAt, "rollbackOn", ROLLBACK_ON_KEYS);
        JsonNode probes = stabilization.get("probes");
        return new ProbeSettings(probes == null ? null : checks(probes, at.field("probes"), true),
                duration(stabilization, at, "interval", new DurationConverter()::convert),
                integer(baseline, baselineAt, "samples"),
                integer(rollbackOn, rollbackOnAt, "failuresInARow"),
                number(rollbackOn, rollbackOnAt, "p95Factor"),
                duration(rollbackOn, rollbackOnAt, "over", new DurationConverter()::convert),
                number(rollbackOn, rollbackOnAt, "errorRate"),
                number(rollbackOn, rollbackOnAt, "connectionsShare"),
                string(stabilization, at, "mode", "rollback or alert"));
    }

    private void version(JsonNode version) {
        At at = At.ROOT.field("version");
        if (version == null) {
            problem(at, "missing: a run file says which format it is in, 'version: " + VERSION + "'");
        } else if (!version.isIntegralNumber()) {
            problem(at, "must be " + VERSION + ", not " + kind(version));
        } else if (version.asLong() != VERSION) {
            problem(at, version.asText() + " is not a version this jsonmig reads (it reads version " + VERSION + ")");
        }
    }

    private List<Setting<String>> files(JsonNode node, At at) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(at, "must be a list of files relative to the source directory, not " + kind(node));
            return List.of(new Setting<>(null, origin(at)));
        }
        List<Setting<String>> files = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            At elementAt = at.element(i);
            files.add(node.get(i).isTextual() ? new Setting<>(node.get(i).textValue(), origin(elementAt))
                    : unreadable(elementAt, "must be a file relative to the source directory, not " + kind(node.get(i))));
        }
        return files;
    }

    private Setting<Duration> duration(JsonNode section, At sectionAt, String key, Function<String, Duration> converter) {
        JsonNode node = section == null ? null : section.get(key);
        Setting<String> text = node != null && node.isIntegralNumber()
                ? new Setting<>(node.asText(), origin(sectionAt.field(key))) // "window: 0"
                : string(section, sectionAt, key, "a duration, e.g. 30m, 2h or PT45M");
        if (text == null || !text.readable()) {
            return text == null ? null : new Setting<>(null, text.origin());
        }
        try {
            return new Setting<>(converter.apply(text.value()), text.origin());
        } catch (TypeConversionException e) {
            return unreadable(sectionAt.field(key), e.getMessage());
        }
    }

    private Map<String, Setting<SmokeCheck>> smokeChecks(JsonNode node, At at) {
        return checks(node, at, false);
    }

    /** Smoke checks, or (with {@code probes}) stabilization probes, which may also say method, bodyContains, timeout. */
    private Map<String, Setting<SmokeCheck>> checks(JsonNode node, At at, boolean probes) {
        String noun = probes ? "probe" : "smoke check";
        Map<String, Setting<SmokeCheck>> checks = new LinkedHashMap<>();
        if (node == null) {
            return checks;
        }
        if (!node.isArray()) {
            problem(at, "must be a list of checks, each with name and either sql and expected, or url "
                    + "(and expectedStatus), not " + kind(node));
            checks.put("", new Setting<>(null, origin(at)));
            return checks;
        }
        Map<String, String> firstAt = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            At checkAt = at.element(i);
            Setting<SmokeCheck> check = smokeCheck(node.get(i), checkAt, probes);
            String key = check.readable() ? check.value().name() : checkAt.display();
            String earlier = firstAt.putIfAbsent(key, checkAt.display());
            if (earlier != null) {
                problem(checkAt.field("name"), "'" + key + "' is also the name of " + earlier
                        + "; each " + noun + " needs a name of its own");
                checks.put(checkAt.display(), new Setting<>(null, origin(checkAt)));
            } else {
                checks.put(key, check);
            }
        }
        return checks;
    }

    private Setting<SmokeCheck> smokeCheck(JsonNode node, At at, boolean probe) {
        if (!node.isObject()) {
            return unreadable(at, "must be a mapping with name and either sql and expected, or url (and "
                    + "expectedStatus), not " + kind(node));
        }
        int before = problems.size();
        unknownKeys(node, at, probe ? PROBE_KEYS : SMOKE_CHECK_KEYS);
        Setting<String> name = string(node, at, "name", "a name (lower-case letters, digits, '_', '-')");
        if (name == null) {
            problem(at.field("name"), "missing: each " + (probe ? "probe" : "smoke check")
                    + " has a name, shown in the report");
        }
        Setting<String> method = probe ? string(node, at, "method", "GET, HEAD or OPTIONS") : null;
        Setting<String> bodyContains = probe ? string(node, at, "bodyContains", "text the answer must contain") : null;
        Setting<Duration> timeout = probe ? duration(node, at, "timeout", new DurationConverter()::convert) : null;
        Setting<String> sql = string(node, at, "sql", "a query");
        Setting<String> url = string(node, at, "url", "an http(s) URL");
        Setting<Long> status = integer(node, at, "expectedStatus");
        String expected = null;
        JsonNode expectedNode = node.get("expected");
        if (expectedNode == null && sql != null) {
            problem(at.field("expected"), "missing: the value the query's first column must read, as PostgreSQL "
                    + "prints it (null for NULL or no row)");
        } else if (expectedNode != null && (expectedNode.isTextual() || expectedNode.isIntegralNumber())) {
            expected = expectedNode.asText();
        } else if (expectedNode != null && !expectedNode.isNull()) {
            problem(at.field("expected"), "must be text as PostgreSQL prints the value, in quotes (e.g. '0.50', "
                    + "or 't' for true), not " + kind(expectedNode));
        }
        if (problems.size() > before) {
            return new Setting<>(null, origin(at));
        }
        try {
            return new Setting<>(new SmokeCheck(name.value(), value(sql), expected, value(url),
                    status == null ? null : Math.toIntExact(status.value()), value(method), value(bodyContains),
                    value(timeout)), origin(at));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return unreadable(at, e.getMessage());
        }
    }

    private Map<String, Setting<List<String>>> notify(JsonNode node, At at) {
        Map<String, Setting<List<String>>> audiences = new LinkedHashMap<>();
        if (node == null) {
            return audiences;
        }
        if (!node.isObject()) {
            problem(at, "must be a mapping of audiences to e-mail addresses, e.g. 'stakeholders: [cto@example.com]', "
                    + "not " + kind(node));
            audiences.put("", new Setting<>(null, origin(at)));
            return audiences;
        }
        node.properties().forEach(entry -> {
            String audience = entry.getKey();
            At audienceAt = at.field(audience);
            audiences.put(audience, addresses(audience, entry.getValue(), audienceAt));
        });
        return audiences;
    }

    private Setting<List<String>> addresses(String audience, JsonNode node, At at) {
        int before = problems.size();
        try {
            RunSpec.requireValidAudience(audience);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
        }
        List<String> addresses = new ArrayList<>();
        if (node.isTextual()) {
            email(audience, node.textValue(), at).ifPresent(addresses::add);
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode address = node.get(i);
                if (address.isTextual()) {
                    email(audience, address.textValue(), at.element(i)).ifPresent(addresses::add);
                } else {
                    problem(at.element(i), "must be an e-mail address, not " + kind(address));
                }
            }
        } else {
            problem(at, "must be a list of e-mail addresses, not " + kind(node));
        }
        return new Setting<>(problems.size() > before ? null : List.copyOf(addresses), origin(at));
    }

    private Optional<String> email(String audience, String address, At at) {
        try {
            return Optional.of(RunSpec.requireValidEmail(audience, address));
        } catch (IllegalArgumentException e) {
            problem(at, "'" + address + "' is not an e-mail address");
            return Optional.empty();
        }
    }

    /** The mapping at {@code at} of the root, or {@code null} when it is absent or (a problem) not a mapping. */
    private JsonNode section(JsonNode root, At at, List<String> keys) {
        return section(root, at, at.display(), keys);
    }

    private JsonNode section(JsonNode parent, At at, String key, List<String> keys) {
        JsonNode node = parent.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problem(at, "must be a mapping with " + String.join(" and/or ", keys) + ", not " + kind(node));
            return null;
        }
        unknownKeys(node, at, keys);
        return node;
    }

    private Setting<String> string(JsonNode parent, At parentAt, String key, String what) {
        return typed(parent, parentAt, key, JsonNode::isTextual, JsonNode::textValue, what);
    }

    private Setting<Long> integer(JsonNode parent, At parentAt, String key) {
        return typed(parent, parentAt, key, JsonNode::isIntegralNumber, JsonNode::longValue, "a whole number");
    }

    private Setting<Double> number(JsonNode parent, At parentAt, String key) {
        return typed(parent, parentAt, key, JsonNode::isNumber, JsonNode::doubleValue, "a number");
    }

    private Setting<Boolean> bool(JsonNode parent, At parentAt, String key) {
        return typed(parent, parentAt, key, JsonNode::isBoolean, JsonNode::booleanValue, "true or false");
    }

    private <T> Setting<T> typed(JsonNode parent, At parentAt, String key, Predicate<JsonNode> fits,
                                 Function<JsonNode, T> value, String what) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null) {
            return null;
        }
        At at = parentAt.field(key);
        if (!fits.test(node)) {
            return unreadable(at, "must be " + what + ", not " + kind(node));
        }
        if (node.isTextual() && node.textValue().isBlank()) {
            return unreadable(at, "is empty: give " + what + " or leave the key out");
        }
        return new Setting<>(value.apply(node), origin(at));
    }

    private void unknownRootKeys(JsonNode root) {
        root.fieldNames().forEachRemaining(key -> {
            if (!ROOT_KEYS.contains(key)) {
                String suggestion = nestedKey(key).or(() -> Suggestions.closest(key, ROOT_KEYS))
                        .map(name -> "did you mean '" + name + "'? ").orElse("");
                problem(At.ROOT.field(key), "unknown key; " + suggestion + "Known keys: " + String.join(", ", ROOT_KEYS));
            }
        });
    }

    /** The key a flag's name, or a nested key's name, given at the top stands for ({@code layout}: {@code source.layout}). */
    private static Optional<String> nestedKey(String key) {
        for (RunField field : RunField.values()) {
            String last = field.key().substring(field.key().lastIndexOf('.') + 1);
            if (Suggestions.sameName(key, field.flag().substring(2))
                    || field.key().contains(".") && Suggestions.sameName(key, last)) {
                return Optional.of(field.key());
            }
        }
        return Optional.empty();
    }

    private void unknownKeys(JsonNode node, At at, List<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                String suggestion = Suggestions.closest(key, known).map(name -> "did you mean '" + name + "'? ").orElse("");
                problem(at.field(key), "unknown key; " + suggestion + "Known keys here: " + String.join(", ", known));
            }
        });
    }

    private <T> Setting<T> unreadable(At at, String complaint) {
        problem(at, complaint);
        return new Setting<>(null, origin(at));
    }

    private void problem(At at, String complaint) {
        report(origin(at), complaint);
    }

    private void report(Origin.FileKey origin, String complaint) {
        problems.add(new Found(origin.line(), origin.column(), origin.problem(complaint)));
    }

    private Origin.FileKey origin(At at) {
        Optional<NodeLocations.Location> location = locations.locationOf(at.pointer());
        return new Origin.FileKey(name, directory, location.map(NodeLocations.Location::line).orElse(0),
                location.map(NodeLocations.Location::column).orElse(0), at.display());
    }

    private static <T> T value(Setting<T> setting) {
        return setting == null ? null : setting.value();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case BOOLEAN -> "true/false";
            case NUMBER -> "a number (" + node.asText() + ")";
            case STRING -> "text ('" + node.textValue() + "')";
            case NULL, MISSING -> "empty";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
