package io.jsonmig.migration.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key of a JSON or YAML document, by JSON pointer, so that a problem found in
 * the parsed tree can name the line it comes from.
 */
final class KeyLines {

    private final Map<String, Integer> lines;

    private KeyLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static KeyLines of(JsonFactory factory, Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return new KeyLines(lines);
    }

    /** The line of the key, or of the nearest enclosing key for one that is missing; -1 for the root. */
    int lineOf(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.head()) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
        }
        return -1;
    }
}
