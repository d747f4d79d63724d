package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.snapshot.SnapshotIntegrityException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams the records of a source with Jackson's streaming parser: one record in memory at a time,
 * whatever the file size. Every file is read through {@link SourceSet#open(Path)}, so an encoded
 * snapshot is decoded on the way. Every error names the file, line and column. Decimals are read as
 * {@link java.math.BigDecimal} with their scale kept, so a number travels exactly as written,
 * never rounded through a double.
 */
public final class JsonRecords {

    /**
     * Limits of what one record may hold, stated rather than left to Jackson's defaults: deep enough
     * for any real document (a 200-level nesting is tested), a string of up to 100 million
     * characters, a number of up to 1000 digits. Beyond them a record fails with file, line and column.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(1000)
            .maxStringLength(100_000_000)
            .maxNumberLength(1000)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(LIMITS).build())
            // a repeated field would otherwise silently keep only its last value
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Receives each record with its collection and its 0-based position in that collection. */
    @FunctionalInterface
    public interface RecordHandler {
        void accept(String collection, long position, ObjectNode record);
    }

    /**
     * Receives each record of one collection with its position and the bytes of the collection read
     * so far (of the decoded file: a db.json counts from its collection's opening bracket).
     */
    @FunctionalInterface
    public interface ProgressingHandler {
        void accept(long position, ObjectNode record, long bytesRead);
    }

    /** What the walk hands on: the record, where it is, and how far the file is read. */
    @FunctionalInterface
    private interface Visitor {
        void accept(String collection, long position, ObjectNode record, long bytesRead);
    }

    private JsonRecords() {
    }

    /** Counts records per collection without building them. */
    public static Map<String, Long> count(SourceSet source) {
        return walk(source, null, 0, null);
    }

    /** Hands every record to the handler, in file order; returns the counts per collection. */
    public static Map<String, Long> read(SourceSet source, RecordHandler handler) {
        return walk(source, null, 0, (collection, position, record, bytes) -> handler.accept(collection, position, record));
    }

    /**
     * Hands every record of one collection to the handler, in file order, skipping the other
     * collections without building them; returns how many records it has.
     */
    public static long read(SourceSet source, String collection, RecordHandler handler) {
        return walk(source, collection, 0, (c, position, record, bytes) -> handler.accept(c, position, record))
                .getOrDefault(collection, 0L);
    }

    /**
     * Hands the records of one collection from position {@code from} on to the handler, in file order;
     * the records before it are skipped without being built (a resumed load). Returns how many
     * records the collection has.
     */
    public static long read(SourceSet source, String collection, long from, ProgressingHandler handler) {
        return walk(source, collection, from, (c, position, record, bytes) -> handler.accept(position, record, bytes))
                .getOrDefault(collection, 0L);
    }

    private static Map<String, Long> walk(SourceSet source, String only, long from, Visitor handler) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Path file : source.files()) {
            if (only != null && source.layout() != SourceLayout.DB_JSON && !SourceScanner.collectionOf(file).equals(only)) {
                continue;
            }
            try (JsonParser parser = MAPPER.createParser(source.open(file))) {
                try {
                    switch (source.layout()) {
                        case DB_JSON -> readCollections(file, parser, only, from, handler, counts);
                        case ARRAY_PER_FILE -> {
                            expect(file, parser, parser.nextToken(), JsonToken.START_ARRAY, "an array of records");
                            counts.put(SourceScanner.collectionOf(file),
                                    readArray(file, parser, SourceScanner.collectionOf(file), from, handler));
                            expectEnd(file, parser);
                        }
                        case NDJSON -> counts.put(SourceScanner.collectionOf(file),
                                readLines(file, parser, SourceScanner.collectionOf(file), from, handler));
                    }
                } catch (StreamConstraintsException tooLarge) {
                    // a limit of LIMITS: the exception knows no location, the parser does
                    throw new PhaseFailure(file + ": record at " + where(parser.currentLocation())
                            + " is beyond jsonmig's limits: " + tooLarge.getOriginalMessage());
                }
            } catch (IOException e) {
                throw failure(file, e);
            }
        }
        return counts;
    }

    private static void readCollections(Path file, JsonParser parser, String only, long from, Visitor handler,
                                        Map<String, Long> counts) throws IOException {
        expect(file, parser, parser.nextToken(), JsonToken.START_OBJECT, "an object of collections");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String collection = parser.currentName();
            expect(file, parser, parser.nextToken(), JsonToken.START_ARRAY,
                    "an array of records for collection '" + collection + "'");
            if (only != null && !only.equals(collection)) {
                parser.skipChildren();
                continue;
            }
            counts.put(collection, readArray(file, parser, collection, from, handler));
        }
        expectEnd(file, parser);
    }

    private static long readArray(Path file, JsonParser parser, String collection, long from, Visitor handler)
            throws IOException {
        long start = parser.currentLocation().getByteOffset();
        long position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            readRecord(file, parser, token, collection, position++, from, start, handler);
        }
        return position;
    }

    private static long readLines(Path file, JsonParser parser, String collection, long from, Visitor handler)
            throws IOException {
        long position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            readRecord(file, parser, token, collection, position++, from, 0, handler);
        }
        return position;
    }

    private static void readRecord(Path file, JsonParser parser, JsonToken token, String collection, long position,
                                   long from, long start, Visitor handler) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new PhaseFailure(file + ": record " + position + " of collection '" + collection + "' at "
                    + where(parser.currentTokenLocation()) + " is " + token.asString() + ", expected an object");
        }
        if (handler == null || position < from) {
            parser.skipChildren();
        } else {
            ObjectNode record = MAPPER.readTree(parser);
            handler.accept(collection, position, record, parser.currentLocation().getByteOffset() - start);
        }
    }

    private static void expect(Path file, JsonParser parser, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new PhaseFailure(file + ": expected " + what + " at " + where(parser.currentTokenLocation())
                    + ", found " + (actual == null ? "end of file" : "'" + actual.asString() + "'"));
        }
    }

    private static void expectEnd(Path file, JsonParser parser) throws IOException {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new PhaseFailure(file + ": unexpected content after the end of the document at "
                    + where(parser.currentTokenLocation()));
        }
    }

    static PhaseFailure failure(Path file, IOException e) {
        if (e instanceof SnapshotIntegrityException integrity) {
            return new PhaseFailure(file + ": " + integrity.reason());
        }
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return new PhaseFailure(file + ": invalid JSON at " + where(json.getLocation()) + ": "
                    + json.getOriginalMessage());
        }
        return new PhaseFailure(file + ": cannot read: " + e.getMessage());
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
