package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.snapshot.SnapshotIntegrityException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Receives each record of one collection token by token: the parser stands on the record's
     * {@code START_OBJECT}, and the handler reads it to its {@code END_OBJECT}. The bytes it was read
     * from stay available from the offset the handler keeps them from.
     */
    @FunctionalInterface
    public interface StreamingHandler {
        /** @param collectionStart the offset of the collection's opening bracket (0 for NDJSON) */
        void accept(long position, JsonParser parser, long collectionStart, RecordBytes bytes) throws IOException;
    }

    /** What the walk hands on: the record's position, the parser on its START_OBJECT, and its bytes if kept. */
    @FunctionalInterface
    private interface Visitor {
        void accept(String collection, long position, JsonParser parser, long collectionStart, RecordBytes bytes)
                throws IOException;
    }

    /** Each collection's record count and, for a db.json, the offset of its array in the decoded file. */
    public record SourceIndex(Map<String, Long> counts, Map<String, Long> offsets) {
    }

    private JsonRecords() {
    }

    /** Counts records per collection without building them. */
    public static Map<String, Long> count(SourceSet source) {
        return index(source).counts();
    }

    /**
     * Counts records per collection without building them, and notes where each collection of a
     * db.json begins, so that reading one collection later need not parse the ones before it
     * ({@link SourceSet#withCollectionOffsets}).
     */
    public static SourceIndex index(SourceSet source) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        Map<String, Long> counts = walk(source.withCollectionOffsets(Map.of()), null, 0, null, offsets, false);
        return new SourceIndex(counts, Map.copyOf(offsets));
    }

    /** Hands every record to the handler, in file order; returns the counts per collection. */
    public static Map<String, Long> read(SourceSet source, RecordHandler handler) {
        return walk(source, null, 0, (collection, position, parser, start, bytes) ->
                handler.accept(collection, position, MAPPER.readTree(parser)), null, false);
    }

    /**
     * Hands every record of one collection to the handler, in file order, skipping the other
     * collections without building them; returns how many records it has.
     */
    public static long read(SourceSet source, String collection, RecordHandler handler) {
        return walk(source, collection, 0, (c, position, parser, start, bytes) ->
                handler.accept(c, position, MAPPER.readTree(parser)), null, false).getOrDefault(collection, 0L);
    }

    /**
     * Hands the records of one collection from position {@code from} on to the handler, in file order;
     * the records before it are skipped without being built (a resumed load). Returns how many
     * records the collection has.
     */
    public static long read(SourceSet source, String collection, long from, ProgressingHandler handler) {
        return walk(source, collection, from, (c, position, parser, start, bytes) -> {
            ObjectNode record = MAPPER.readTree(parser);
            handler.accept(position, record, parser.currentLocation().getByteOffset() - start);
        }, null, false).getOrDefault(collection, 0L);
    }

    /**
     * Hands the records of one collection from position {@code from} on to the handler as tokens, in
     * file order, without building them, with the bytes they are read from; the records before
     * {@code from} are skipped without being built. Returns how many records the collection has.
     */
    public static long stream(SourceSet source, String collection, long from, StreamingHandler handler) {
        return walk(source, collection, from, (c, position, parser, start, bytes) -> handler.accept(position, parser, start, bytes),
                null, true).getOrDefault(collection, 0L);
    }

    /** One record's bytes as a tree, built as every record is built. */
    static ObjectNode tree(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser parser = MAPPER.createParser(bytes, offset, length)) {
            return MAPPER.readTree(parser);
        }
    }

    /** A parser that reads as every record is read: the same limits, decimals and duplicate-key check. */
    public static JsonParser parser(InputStream in) throws IOException {
        return MAPPER.createParser(in);
    }

    /** One record's bytes as a tree, built as every record is built. */
    public static ObjectNode record(byte[] bytes) throws IOException {
        return tree(bytes, 0, bytes.length);
    }

    /** The value the parser stands on as a tree, built as a record's values are built. */
    public static JsonNode value(JsonParser parser) throws IOException {
        return MAPPER.readTree(parser);
    }

    private static Map<String, Long> walk(SourceSet source, String only, long from, Visitor handler,
                                          Map<String, Long> offsets, boolean keepBytes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Path file : source.files()) {
            if (only != null && source.layout() != SourceLayout.DB_JSON && !SourceScanner.collectionOf(file).equals(only)) {
                continue;
            }
            Long offset = only == null || source.layout() != SourceLayout.DB_JSON ? null
                    : source.collectionOffsets().get(only);
            if (offset != null && readAt(source, file, offset, only, from, handler, counts, keepBytes)) {
                continue;
            }
            try (InputStream stored = source.open(file)) {
                RecordBytes bytes = keepBytes ? new RecordBytes(stored) : null;
                try (JsonParser parser = MAPPER.createParser(bytes != null ? bytes : stored)) {
                    try {
                        switch (source.layout()) {
                            case DB_JSON -> readCollections(file, parser, bytes, only, from, handler, counts, offsets);
                            case ARRAY_PER_FILE -> {
                                expect(file, parser, parser.nextToken(), JsonToken.START_ARRAY, "an array of records");
                                counts.put(SourceScanner.collectionOf(file),
                                        readArray(file, parser, bytes, SourceScanner.collectionOf(file), from, handler));
                                expectEnd(file, parser);
                            }
                            case NDJSON -> counts.put(SourceScanner.collectionOf(file),
                                    readLines(file, parser, bytes, SourceScanner.collectionOf(file), from, handler));
                        }
                    } catch (StreamConstraintsException tooLarge) {
                        // a limit of LIMITS: the exception knows no location, the parser does
                        throw new PhaseFailure(file + ": record at " + where(parser.currentLocation())
                                + " is beyond jsonmig's limits: " + tooLarge.getOriginalMessage());
                    }
                }
            } catch (IOException e) {
                throw failure(file, e);
            }
        }
        return counts;
    }

    /**
     * Reads one collection of a db.json from the offset the index noted, skipping the bytes before it
     * unparsed (the index's pass checked them). Returns false, before anything is handed on, when the
     * offset does not lead to an array; the file is then read from its beginning. A source does not
     * change, so that only happens when the offsets are not this file's.
     */
    private static boolean readAt(SourceSet source, Path file, long offset, String collection, long from,
                                  Visitor handler, Map<String, Long> counts, boolean keepBytes) {
        try (InputStream stored = source.open(file)) {
            try {
                stored.skipNBytes(offset);
            } catch (EOFException shorter) {
                return false;
            }
            RecordBytes bytes = keepBytes ? new RecordBytes(stored) : null;
            try (JsonParser parser = MAPPER.createParser(bytes != null ? bytes : stored)) {
                if (!startsAnArray(parser)) {
                    return false;
                }
                counts.put(collection, readArray(file, parser, bytes, collection, from, handler));
                return true;
            } catch (StreamConstraintsException tooLarge) {
                throw new PhaseFailure(file + ": a record of collection '" + collection + "' (from byte " + offset
                        + ") is beyond jsonmig's limits: " + tooLarge.getOriginalMessage());
            } catch (JsonProcessingException invalid) {
                // the parser counts lines from the offset, not from the file's beginning
                throw new PhaseFailure(file + ": invalid JSON in collection '" + collection + "' (read from its "
                        + "array at byte " + offset + ") at " + (invalid.getLocation() == null ? "an unknown place"
                        : where(invalid.getLocation()) + " counted from there") + ": " + invalid.getOriginalMessage());
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static boolean startsAnArray(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == JsonToken.START_ARRAY;
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    private static void readCollections(Path file, JsonParser parser, RecordBytes bytes, String only, long from,
                                        Visitor handler, Map<String, Long> counts, Map<String, Long> offsets)
            throws IOException {
        expect(file, parser, parser.nextToken(), JsonToken.START_OBJECT, "an object of collections");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String collection = parser.currentName();
            expect(file, parser, parser.nextToken(), JsonToken.START_ARRAY,
                    "an array of records for collection '" + collection + "'");
            if (offsets != null) {
                offsets.put(collection, parser.currentTokenLocation().getByteOffset());
            }
            if (only != null && !only.equals(collection)) {
                parser.skipChildren();
                if (bytes != null) {
                    bytes.keepFrom(parser.currentLocation().getByteOffset());
                }
                continue;
            }
            counts.put(collection, readArray(file, parser, bytes, collection, from, handler));
        }
        expectEnd(file, parser);
    }

    private static long readArray(Path file, JsonParser parser, RecordBytes bytes, String collection, long from,
                                  Visitor handler) throws IOException {
        long start = parser.currentLocation().getByteOffset();
        long position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            readRecord(file, parser, token, collection, position++, from, start, bytes, handler);
        }
        return position;
    }

    private static long readLines(Path file, JsonParser parser, RecordBytes bytes, String collection, long from,
                                  Visitor handler) throws IOException {
        long position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            readRecord(file, parser, token, collection, position++, from, 0, bytes, handler);
        }
        return position;
    }

    private static void readRecord(Path file, JsonParser parser, JsonToken token, String collection, long position,
                                   long from, long start, RecordBytes bytes, Visitor handler) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new PhaseFailure(file + ": record " + position + " of collection '" + collection + "' at "
                    + where(parser.currentTokenLocation()) + " is " + token.asString() + ", expected an object");
        }
        if (handler == null || position < from) {
            parser.skipChildren();
            if (bytes != null) {
                bytes.keepFrom(parser.currentLocation().getByteOffset());
            }
            return;
        }
        JsonStreamContext array = parser.getParsingContext().getParent();
        handler.accept(collection, position, parser, start, bytes);
        // a tree reader clears the current token after the record's END_OBJECT; the context tells
        if (parser.getParsingContext() != array) {
            throw new IllegalStateException("the handler of collection '" + collection + "' left record " + position
                    + " unfinished");
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
