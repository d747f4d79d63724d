package io.jsonmig.support.source;

import io.jsonmig.support.messaging.PhaseFailure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where every record of a source file lies, byte by byte in the decoded file: for each collection the
 * offsets of its array's brackets and of each record's first and last byte. A writer that copies the
 * file through and replaces only some records ({@code CollectionSplice}) keeps everything else —
 * whitespace, separators, the values of a db.json it does not touch — exactly as it was.
 */
public final class RecordRanges {

    /** Receives each record of the collections asked for, with its 0-based position in its collection. */
    @FunctionalInterface
    public interface RecordHandler {
        void accept(String collection, long position, ObjectNode record);
    }

    /**
     * One collection of a file.
     *
     * @param open   offset of the array's {@code [}; -1 for an NDJSON file (its records start the file)
     * @param close  offset of the array's {@code ]}; the file's length for an NDJSON file
     * @param starts offset of each record's first byte
     * @param ends   offset just after each record's last byte
     */
    public record Collection(String collection, long open, long close, long[] starts, long[] ends) {

        public int records() {
            return starts.length;
        }

        /** Where the bytes inside the array (or the NDJSON file) begin. */
        public long innerStart() {
            return open + 1;
        }
    }

    private RecordRanges() {
    }

    /**
     * Reads one file of {@code source} and returns its collections in file order, handing each record
     * of the collections in {@code wanted} to the handler (the others are skipped unbuilt).
     */
    public static List<Collection> of(SourceSet source, Path file, java.util.Set<String> wanted,
                                      RecordHandler handler) {
        try (InputStream in = source.open(file); JsonParser parser = JsonRecords.parser(in)) {
            try {
                return switch (source.layout()) {
                    case DB_JSON -> collections(file, parser, wanted, handler);
                    case ARRAY_PER_FILE -> {
                        String collection = SourceScanner.collectionOf(file);
                        if (parser.nextToken() != JsonToken.START_ARRAY) {
                            throw new PhaseFailure(file + ": expected an array of records");
                        }
                        Collection one = array(file, parser, collection, wanted.contains(collection) ? handler : null);
                        yield List.of(one);
                    }
                    case NDJSON -> List.of(lines(file, parser, SourceScanner.collectionOf(file), wanted, handler));
                };
            } catch (StreamConstraintsException tooLarge) {
                throw new PhaseFailure(file + ": a record is beyond jsonmig's limits: " + tooLarge.getOriginalMessage());
            }
        } catch (IOException e) {
            throw JsonRecords.failure(file, e);
        }
    }

    private static List<Collection> collections(Path file, JsonParser parser, java.util.Set<String> wanted,
                                                RecordHandler handler) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new PhaseFailure(file + ": expected an object of collections");
        }
        List<Collection> collections = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String collection = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new PhaseFailure(file + ": expected an array of records for collection '" + collection + "'");
            }
            collections.add(array(file, parser, collection, wanted.contains(collection) ? handler : null));
        }
        return collections;
    }

    private static Collection array(Path file, JsonParser parser, String collection, RecordHandler handler)
            throws IOException {
        long open = parser.currentTokenLocation().getByteOffset();
        Offsets offsets = new Offsets();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            record(file, parser, token, collection, offsets, handler);
        }
        long close = parser.currentTokenLocation().getByteOffset();
        return new Collection(collection, open, close, offsets.starts(), offsets.ends());
    }

    private static Collection lines(Path file, JsonParser parser, String collection, java.util.Set<String> wanted,
                                    RecordHandler handler) throws IOException {
        Offsets offsets = new Offsets();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            record(file, parser, token, collection, offsets, wanted.contains(collection) ? handler : null);
        }
        return new Collection(collection, -1, parser.currentLocation().getByteOffset(), offsets.starts(),
                offsets.ends());
    }

    private static void record(Path file, JsonParser parser, JsonToken token, String collection, Offsets offsets,
                               RecordHandler handler) throws IOException {
        long position = offsets.size();
        if (token != JsonToken.START_OBJECT) {
            throw new PhaseFailure(file + ": record " + position + " of collection '" + collection + "' is "
                    + token.asString() + ", expected an object");
        }
        long start = parser.currentTokenLocation().getByteOffset();
        if (handler == null) {
            parser.skipChildren();
        } else {
            handler.accept(collection, position, (ObjectNode) JsonRecords.value(parser));
        }
        offsets.add(start, parser.currentLocation().getByteOffset());
    }

    /** Two growing arrays of offsets: a million records take 16 MB, not a million objects. */
    private static final class Offsets {
        private long[] starts = new long[1024];
        private long[] ends = new long[1024];
        private int size;

        void add(long start, long end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size++] = end;
        }

        int size() {
            return size;
        }

        long[] starts() {
            return Arrays.copyOf(starts, size);
        }

        long[] ends() {
            return Arrays.copyOf(ends, size);
        }
    }
}
