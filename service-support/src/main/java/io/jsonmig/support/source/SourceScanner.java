package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the JSON files of a source directory (every {@code *.json}, {@code *.ndjson} and {@code *.jsonl}
 * file, or an explicit list) and detects their layout. Every problem is reported, not only the first.
 */
public final class SourceScanner {

    private static final JsonFactory JSON = new JsonFactory();

    private SourceScanner() {
    }

    /**
     * What a scan found: the usable files with their layout, and every problem. A file with a problem
     * is left out of {@code files}, so callers can go on checking the others.
     *
     * @param layout     {@code null} when no layout could be detected (see the problems)
     * @param notRecords the problems of files that were read but do not hold records at their top level
     *                   (a number, a string, an object beside other files): a subset of {@code problems},
     *                   for a preflight that tells unreadable files from invalid ones
     */
    public record Scan(Path root, SourceLayout layout, List<Path> files, List<String> problems,
                       List<String> notRecords) {

        public Scan {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            notRecords = List.copyOf(notRecords);
        }

        public Scan(Path root, SourceLayout layout, List<Path> files, List<String> problems) {
            this(root, layout, files, problems, List.of());
        }

        /** The source set, or a failure listing every problem. */
        public SourceSet source() {
            if (!problems.isEmpty()) {
                throw new PhaseFailure("source directory " + root + " has " + problems.size() + " problem(s)", problems);
            }
            return new SourceSet(root, layout, files);
        }
    }

    /** Every JSON file of the directory; fails listing every problem. */
    public static SourceSet scan(Path dir) {
        return scan(dir, List.of()).source();
    }

    /**
     * Scans a source directory.
     *
     * @param explicitFiles paths relative to {@code dir}; empty takes every JSON file of the directory
     */
    public static Scan scan(Path dir, List<String> explicitFiles) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            return new Scan(dir, null, List.of(), List.of("cannot open source directory " + dir + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<Path> candidates = explicitFiles.isEmpty() ? list(root, problems) : explicit(root, explicitFiles, problems);
        return detectLayout(root, candidates, problems);
    }

    /** Collection name of a file in the array-per-file and NDJSON layouts. */
    public static String collectionOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<Path> list(Path root, List<String> problems) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !isJsonName(name) || Files.isDirectory(file)) {
                    continue;
                }
                if (staysInside(root, file, problems)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            problems.add("cannot list source directory " + root + ": " + e.getMessage());
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("no JSON files (*.json, *.ndjson, *.jsonl) in source directory " + root);
        }
        return files;
    }

    private static List<Path> explicit(Path root, List<String> entries, List<String> problems) {
        Set<Path> files = new LinkedHashSet<>();
        for (String entry : entries) {
            Path relative;
            try {
                relative = entry == null || entry.isBlank() ? null : Path.of(entry);
            } catch (InvalidPathException e) {
                problems.add("source file '" + entry + "' is not a valid path: " + e.getReason());
                continue;
            }
            if (relative == null) {
                problems.add("a source file entry is empty");
            } else if (relative.isAbsolute()) {
                problems.add("source file '" + entry + "' must be relative to the source directory " + root);
            } else if (Stream.iterate(relative, p -> p != null, Path::getParent)
                    .anyMatch(p -> p.getFileName() != null && p.getFileName().toString().equals(".."))) {
                problems.add("source file '" + entry + "' must not contain '..'");
            } else if (!isJsonName(relative.getFileName().toString())) {
                problems.add("source file '" + entry + "' is not a *.json, *.ndjson or *.jsonl file");
            } else {
                Path file = root.resolve(relative).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    problems.add("source file '" + entry + "' lies outside the source directory " + root);
                } else if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add("source file " + file + " does not exist");
                } else if (staysInside(root, file, problems)) {
                    if (!Files.isRegularFile(file)) {
                        problems.add("source file " + file + " is not a regular file");
                    } else {
                        files.add(file);
                    }
                }
            }
        }
        return List.copyOf(files);
    }

    /** A link must not lead outside the source directory: the backup would copy another directory's data. */
    private static boolean staysInside(Path root, Path file, List<String> problems) {
        try {
            if (!file.toRealPath().startsWith(root)) {
                problems.add("source file " + file + " is a link to outside the source directory " + root);
                return false;
            }
            return true;
        } catch (IOException e) {
            problems.add("source file " + file + " cannot be resolved (a broken link?): " + e.getMessage());
            return false;
        }
    }

    private static Scan detectLayout(Path root, List<Path> candidates, List<String> problems) {
        List<Path> json = candidates.stream().filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        List<Path> ndjson = candidates.stream().filter(f -> !f.getFileName().toString().endsWith(".json")).toList();
        if (!json.isEmpty() && !ndjson.isEmpty()) {
            problems.add("source directory " + root + " mixes .json and .ndjson/.jsonl files; use one layout per source");
            return new Scan(root, null, List.of(), problems);
        }
        if (!ndjson.isEmpty()) {
            return new Scan(root, SourceLayout.NDJSON, ndjson, problems);
        }
        boolean single = json.size() == 1;
        SourceLayout layout = json.isEmpty() ? null : SourceLayout.ARRAY_PER_FILE;
        List<Path> usable = new ArrayList<>();
        List<String> notRecords = new ArrayList<>();
        for (Path file : json) {
            JsonToken first;
            try {
                first = firstToken(file);
            } catch (PhaseFailure unreadable) {
                problems.add(unreadable.getMessage());
                continue;
            }
            if (single && first == JsonToken.START_OBJECT) {
                layout = SourceLayout.DB_JSON;
                usable.add(file);
            } else if (first == JsonToken.START_ARRAY) {
                usable.add(file);
            } else {
                String problem = "source file " + file + ": its top level is " + describe(first) + ", expected "
                        + (single ? "an object of collections (db.json) or an array of records"
                        : "one array of records (with several .json files, one file per collection)");
                problems.add(problem);
                if (first != null) {
                    notRecords.add(problem);
                }
            }
        }
        return new Scan(root, usable.isEmpty() ? null : layout, usable, problems, notRecords);
    }

    private static JsonToken firstToken(Path file) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            return parser.nextToken();
        } catch (IOException e) {
            throw JsonRecords.failure(file, e);
        }
    }

    private static boolean isJsonName(String name) {
        return name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /** What a JSON document's first token makes of it, in words. */
    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing (empty or unreadable file)";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token + "'";
        };
    }
}
