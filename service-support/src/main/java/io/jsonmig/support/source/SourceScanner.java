package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the JSON files of a source directory and detects their layout. */
public final class SourceScanner {

    private static final JsonFactory JSON = new JsonFactory();

    private SourceScanner() {
    }

    public static SourceSet scan(Path dir) {
        Path root = realPath(dir);
        List<Path> json = new ArrayList<>();
        List<Path> ndjson = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                if (!realPath(file).startsWith(root)) {
                    throw new PhaseFailure("source file " + file + " is a link to outside the source directory " + root);
                }
                if (name.endsWith(".json")) {
                    json.add(file);
                } else if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
                    ndjson.add(file);
                }
            }
        } catch (IOException e) {
            throw new PhaseFailure("cannot list source directory " + root + ": " + e.getMessage());
        }
        if (json.isEmpty() && ndjson.isEmpty()) {
            throw new PhaseFailure("no JSON files (*.json, *.ndjson, *.jsonl) in source directory " + root);
        }
        if (!json.isEmpty() && !ndjson.isEmpty()) {
            throw new PhaseFailure("source directory " + root + " mixes .json and .ndjson/.jsonl files; "
                    + "use one layout per source");
        }
        if (!ndjson.isEmpty()) {
            return new SourceSet(root, SourceLayout.NDJSON, ndjson);
        }
        if (json.size() == 1 && firstToken(json.get(0)) == JsonToken.START_OBJECT) {
            return new SourceSet(root, SourceLayout.DB_JSON, json);
        }
        for (Path file : json) {
            JsonToken first = firstToken(file);
            if (first != JsonToken.START_ARRAY) {
                throw new PhaseFailure("source file " + file + " starts with " + describe(first)
                        + ": with several .json files each must hold one array of records (one file per collection)");
            }
        }
        return new SourceSet(root, SourceLayout.ARRAY_PER_FILE, json);
    }

    /** Collection name of a file in the array-per-file and NDJSON layouts. */
    public static String collectionOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static JsonToken firstToken(Path file) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            return parser.nextToken();
        } catch (IOException e) {
            throw JsonRecords.failure(file, e);
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "nothing (empty file)" : "'" + token.asString() + "'";
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
