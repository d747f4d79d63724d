package io.jsonmig.migration.load;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the records of one collection of a snapshot, one record in memory at a time, skipping the
 * other collections without building them.
 *
 * <p>Unlike {@link JsonRecords}, decimals are read as {@link java.math.BigDecimal} with their scale
 * kept, so a number reaches PostgreSQL as the exact value written in the JSON, never rounded
 * through a double.
 */
public final class SnapshotRecords {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private SnapshotRecords() {
    }

    /** Hands every record of the collection to the handler, in file order; returns how many there were. */
    public static long read(SourceSet source, String collection, JsonRecords.RecordHandler handler) {
        long records = 0;
        for (Path file : source.files()) {
            if (source.layout() != SourceLayout.DB_JSON
                    && !SourceScanner.collectionOf(file).equals(collection)) {
                continue;
            }
            try (JsonParser parser = MAPPER.createParser(file.toFile())) {
                records += switch (source.layout()) {
                    case DB_JSON -> readFromCollections(file, parser, collection, handler);
                    case ARRAY_PER_FILE -> {
                        expect(file, parser, JsonToken.START_ARRAY, "an array of records");
                        yield readRecords(file, parser, collection, JsonToken.END_ARRAY, handler);
                    }
                    case NDJSON -> readRecords(file, parser, collection, null, handler);
                };
            } catch (JsonProcessingException e) {
                throw new PhaseFailure(file + ": invalid JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new PhaseFailure(file + ": cannot read: " + e.getMessage());
            }
        }
        return records;
    }

    private static long readFromCollections(Path file, JsonParser parser, String collection,
                                            JsonRecords.RecordHandler handler) throws IOException {
        expect(file, parser, JsonToken.START_OBJECT, "an object of collections");
        long records = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken start = parser.nextToken();
            if (!name.equals(collection)) {
                parser.skipChildren();
                continue;
            }
            if (start != JsonToken.START_ARRAY) {
                throw new PhaseFailure(file + ": expected an array of records for collection '" + collection + "' at "
                        + where(parser.currentTokenLocation()));
            }
            records += readRecords(file, parser, collection, JsonToken.END_ARRAY, handler);
        }
        return records;
    }

    private static long readRecords(Path file, JsonParser parser, String collection, JsonToken end,
                                    JsonRecords.RecordHandler handler) throws IOException {
        long position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != end) {
            if (token != JsonToken.START_OBJECT) {
                throw new PhaseFailure(file + ": record " + position + " of collection '" + collection + "' at "
                        + where(parser.currentTokenLocation()) + " is " + token + ", expected an object");
            }
            ObjectNode record = MAPPER.readTree(parser);
            handler.accept(collection, position++, record);
        }
        return position;
    }

    private static void expect(Path file, JsonParser parser, JsonToken expected, String what) throws IOException {
        JsonToken actual = parser.nextToken();
        if (actual != expected) {
            throw new PhaseFailure(file + ": expected " + what + " at " + where(parser.currentTokenLocation())
                    + ", found " + (actual == null ? "end of file" : "'" + actual.asString() + "'"));
        }
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
