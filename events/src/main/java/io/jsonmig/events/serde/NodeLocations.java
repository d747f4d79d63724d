package io.jsonmig.events.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a JSON or YAML document begins, by JSON pointer: an object member at its key,
 * an array element at its first token. A file read into a tree (which keeps no positions) is walked
 * once more with the same factory's parser, so a problem found in the tree can name its line and column.
 */
public final class NodeLocations {

    /** A position in the document, both 1-based. */
    public record Location(int line, int column) {
    }

    private final Map<String, Location> locations;

    private NodeLocations(Map<String, Location> locations) {
        this.locations = locations;
    }

    /** Walks {@code file} with a parser of {@code factory} (a {@code YAMLFactory} for YAML). */
    public static NodeLocations of(JsonFactory factory, Path file) throws IOException {
        Map<String, Location> locations = new HashMap<>();
        try (JsonParser parser = factory.createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructEnd()) {
                    continue;
                }
                // a member's key comes before its value, so the key's position is the one kept
                JsonLocation at = parser.currentTokenLocation();
                locations.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                        new Location(at.getLineNr(), at.getColumnNr()));
            }
        }
        return new NodeLocations(locations);
    }

    /** The node's location, or that of its nearest enclosing node for one that is missing; empty for the root. */
    public Optional<Location> locationOf(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.head()) {
            Location location = locations.get(p.toString());
            if (location != null) {
                return Optional.of(location);
            }
        }
        return Optional.empty();
    }

    /** The line of {@link #locationOf}, or -1 for the root. */
    public int lineOf(JsonPointer pointer) {
        return locationOf(pointer).map(Location::line).orElse(-1);
    }
}
