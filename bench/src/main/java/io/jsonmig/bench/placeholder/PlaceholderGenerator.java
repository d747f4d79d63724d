package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import io.jsonmig.bench.CountingOutputStream;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a lowdb / json-server {@code db.json} shaped like JSONPlaceholder (users with nested address
 * and company, posts, comments, albums, photos, todos), formatted as lowdb writes it
 * ({@link LowdbPrettyPrinter}), streamed with Jackson's generator one record at a time, and optionally
 * the same records as one CSV file per table. Deterministic: the same scale and seed give
 * byte-identical files.
 */
public final class PlaceholderGenerator {

    /** As JSON.stringify: characters outside the BMP (emoji) as themselves, not as escaped surrogate pairs. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    /** Units measured to turn a size in bytes into a scale; more units average out the random lengths. */
    private static final int CALIBRATION_UNITS = 4;

    private PlaceholderGenerator() {
    }

    /**
     * What was written.
     *
     * @param csvFiles the CSV file of each collection's table; empty when none were asked for
     */
    public record Generated(Path dbJson, long bytes, Map<PlaceholderCollection, Long> records,
                            Map<PlaceholderCollection, Path> csvFiles) {
        public long totalRecords() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Writes {@code dbJson} and, when {@code csvDir} is not null, {@code <table>.csv} for every
     * collection into it (without header, columns in {@link PlaceholderCollection#columns()} order).
     */
    public static Generated generate(Path dbJson, Path csvDir, PlaceholderScale scale, long seed) {
        Map<PlaceholderCollection, Long> counts = new EnumMap<>(PlaceholderCollection.class);
        Map<PlaceholderCollection, Path> csvFiles = new EnumMap<>(PlaceholderCollection.class);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dbJson), 1 << 16)) {
            counts.putAll(write(out, csvDir, csvFiles, scale, seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dbJson, e);
        }
        return new Generated(dbJson, size(dbJson), Collections.unmodifiableMap(counts),
                Collections.unmodifiableMap(csvFiles));
    }

    /**
     * The scale whose {@code db.json} is about {@code bytes} long: the size of a few JSONPlaceholder
     * units, measured, scaled up.
     */
    public static PlaceholderScale scaleForBytes(long bytes, long seed) {
        PlaceholderScale calibration = new PlaceholderScale(CALIBRATION_UNITS);
        try (CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream())) {
            write(out, null, new EnumMap<>(PlaceholderCollection.class), calibration, seed);
            return new PlaceholderScale(Math.max(bytes, 1) / (double) out.count() * CALIBRATION_UNITS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<PlaceholderCollection, Long> write(OutputStream out, Path csvDir,
                                                          Map<PlaceholderCollection, Path> csvFiles,
                                                          PlaceholderScale scale, long seed) throws IOException {
        Map<PlaceholderCollection, Long> counts = new EnumMap<>(PlaceholderCollection.class);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setPrettyPrinter(new LowdbPrettyPrinter());
            gen.writeStartObject();
            for (PlaceholderCollection collection : PlaceholderCollection.values()) {
                gen.writeArrayFieldStart(collection.collectionName());
                Path csv = csvDir == null ? null : csvDir.resolve(collection.table() + ".csv");
                long written = 0;
                try (Writer rows = csv == null ? Writer.nullWriter()
                        : new BufferedWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8), 1 << 16)) {
                    Iterator<PlaceholderRecord> records = PlaceholderRecords.of(collection, scale, seed).iterator();
                    while (records.hasNext()) {
                        PlaceholderRecord record = records.next();
                        record.writeJson(gen);
                        CsvRows.write(rows, record.row());
                        written++;
                    }
                }
                gen.writeEndArray();
                counts.put(collection, written);
                if (csv != null) {
                    csvFiles.put(collection, csv);
                }
            }
            gen.writeEndObject();
        }
        return counts;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
