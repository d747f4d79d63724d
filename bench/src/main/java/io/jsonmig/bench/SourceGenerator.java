package io.jsonmig.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a benchmark source: three collections of realistic records (~300 bytes each: strings with
 * non-ASCII letters and escapes, integers, exact decimals, nested objects and arrays) until the
 * requested size is reached. Streams with Jackson's generator, one record at a time, and is
 * deterministic: the same seed, size and layout give byte-identical files.
 */
public final class SourceGenerator {

    /** The collections and their shares of the total size. */
    private static final List<Collection> COLLECTIONS = List.of(
            new Collection("customers", 0.2), new Collection("orders", 0.4), new Collection("events", 0.4));

    private static final JsonFactory JSON = new JsonFactory();
    private static final long EPOCH_2023 = 1_672_531_200L;

    private static final String[] FIRST = {"Zoë", "Ana", "Jürgen", "Olivia", "Søren", "Mei", "Chidi", "François",
            "Aiko", "Łukasz", "Noah", "Émilie", "Ravi", "Ingrid", "Mateo", "Yusuf"};
    private static final String[] LAST = {"Müller", "García", "Øvergård", "Nakamura", "Okafor", "Dubois", "Kowalski",
            "Smith", "Ivanova", "Haddad", "Rossi", "Schmidt", "Pereira", "Lindqvist", "Tanaka", "O'Brien"};
    private static final String[] FIRST_ASCII = asciiNames(FIRST);
    private static final String[] LAST_ASCII = asciiNames(LAST);
    private static final String[] TAGS = {"vip", "newsletter", "b2b", "returning", "wholesale"};
    private static final String[] CITIES = {"Berlin", "São Paulo", "Tōkyō", "Lagos", "Kraków", "Montréal", "Reykjavík",
            "Zürich", "Austin", "Málaga", "Oslo", "Nairobi"};
    private static final String[] STATUSES = {"pending", "paid", "shipped", "delivered", "cancelled", "refunded"};
    private static final String[] EVENT_TYPES = {"page_view", "click", "search", "add_to_cart", "checkout", "login"};
    private static final String[] PATHS = {"/", "/products", "/products/42", "/cart", "/checkout", "/account/orders",
            "/search?q=caf%C3%A9", "/help/returns"};
    private static final String[] NOTES = {"", "Leave at the door", "Call before delivery: \"ring twice\"",
            "Gift — please remove the price tag", "Fragile\nhandle with care", "Back entrance, C:\\dock 3", "—"};

    private SourceGenerator() {
    }

    /** What was written. */
    public record Generated(Path dir, Layout layout, List<Path> files, long bytes, long records) {
    }

    /**
     * Writes about {@code totalBytes} of records into {@code dir} (which must exist and be empty).
     * The collections of the file-per-collection layouts are written in parallel.
     */
    public static Generated generate(Path dir, Layout layout, long totalBytes, long seed) {
        List<Path> files = new ArrayList<>();
        long records;
        if (layout == Layout.DB_JSON) {
            Path file = dir.resolve("db.json");
            records = writeDbJson(file, totalBytes, seed);
            files.add(file);
        } else {
            List<Path> targets = COLLECTIONS.stream().map(c -> dir.resolve(c.name() + layout.extension())).toList();
            records = IntStream.range(0, COLLECTIONS.size()).parallel()
                    .mapToLong(i -> writeCollectionFile(targets.get(i), layout, i, (long) (totalBytes * COLLECTIONS.get(i).share()), seed))
                    .sum();
            files.addAll(targets);
        }
        long bytes = files.stream().mapToLong(SourceGenerator::size).sum();
        return new Generated(dir, layout, List.copyOf(files), bytes, records);
    }

    private static long writeCollectionFile(Path file, Layout layout, int collection, long bytes, long seed) {
        try (CountingOutputStream out = new CountingOutputStream(Files.newOutputStream(file));
             JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setRootValueSeparator(null);
            SplittableRandom random = new SplittableRandom(seed * 31 + collection);
            boolean array = layout == Layout.ARRAY_PER_FILE;
            if (array) {
                gen.writeRaw("[\n");
            }
            long written = 0;
            while (out.count() + gen.getOutputBuffered() < bytes || written == 0) {
                if (array && written > 0) {
                    gen.writeRaw(",\n");
                }
                writeRecord(gen, collection, written, random);
                if (!array) {
                    gen.writeRaw('\n');
                }
                written++;
            }
            if (array) {
                gen.writeRaw("\n]\n");
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static long writeDbJson(Path file, long totalBytes, long seed) {
        try (CountingOutputStream out = new CountingOutputStream(Files.newOutputStream(file));
             JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setRootValueSeparator(null);
            long records = 0;
            long goal = 0;
            gen.writeRaw("{");
            for (int c = 0; c < COLLECTIONS.size(); c++) {
                SplittableRandom random = new SplittableRandom(seed * 31 + c);
                goal += (long) (totalBytes * COLLECTIONS.get(c).share());
                gen.writeRaw((c == 0 ? "\n" : ",\n") + "\"" + COLLECTIONS.get(c).name() + "\": [\n");
                long written = 0;
                while (out.count() + gen.getOutputBuffered() < goal || written == 0) {
                    if (written > 0) {
                        gen.writeRaw(",\n");
                    }
                    writeRecord(gen, c, written, random);
                    written++;
                }
                gen.writeRaw("\n]");
                records += written;
            }
            gen.writeRaw("\n}\n");
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeRecord(JsonGenerator gen, int collection, long id, SplittableRandom random)
            throws IOException {
        switch (collection) {
            case 0 -> customer(gen, id + 1, random);
            case 1 -> order(gen, id + 1, random);
            default -> event(gen, id + 1, random);
        }
    }

    private static void customer(JsonGenerator gen, long id, SplittableRandom r) throws IOException {
        int first = r.nextInt(FIRST.length);
        int last = r.nextInt(LAST.length);
        gen.writeStartObject();
        gen.writeNumberField("id", id);
        gen.writeStringField("name", FIRST[first] + " " + LAST[last]);
        gen.writeStringField("email", FIRST_ASCII[first] + "." + LAST_ASCII[last] + id + "@example.com");
        gen.writeStringField("createdAt", timestamp(r));
        gen.writeBooleanField("active", r.nextInt(10) > 0);
        gen.writeFieldName("balance");
        gen.writeNumber(BigDecimal.valueOf(r.nextLong(-50_000, 5_000_000), 2));
        gen.writeObjectFieldStart("address");
        gen.writeStringField("street", r.nextInt(1, 400) + " " + pick(LAST, r) + "straße");
        gen.writeStringField("city", pick(CITIES, r));
        gen.writeStringField("postcode", Integer.toString(r.nextInt(10_000, 100_000)));
        gen.writeObjectFieldStart("geo");
        gen.writeFieldName("lat");
        gen.writeNumber(BigDecimal.valueOf(r.nextLong(-90_000_000, 90_000_000), 6));
        gen.writeFieldName("lng");
        gen.writeNumber(BigDecimal.valueOf(r.nextLong(-180_000_000, 180_000_000), 6));
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeArrayFieldStart("tags");
        for (int i = r.nextInt(4); i > 0; i--) {
            gen.writeString(pick(TAGS, r));
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void order(JsonGenerator gen, long id, SplittableRandom r) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("id", id);
        gen.writeNumberField("customerId", r.nextLong(1, 1_000_000));
        gen.writeStringField("placedAt", timestamp(r));
        gen.writeStringField("status", pick(STATUSES, r));
        gen.writeStringField("currency", r.nextBoolean() ? "EUR" : "USD");
        gen.writeArrayFieldStart("items");
        long total = 0;
        for (int i = r.nextInt(1, 4); i > 0; i--) {
            long cents = r.nextLong(99, 25_000);
            int quantity = r.nextInt(1, 6);
            total += cents * quantity;
            gen.writeStartObject();
            gen.writeStringField("sku", "SKU-" + Long.toString(r.nextLong(1L << 40), 36).toUpperCase());
            gen.writeNumberField("quantity", quantity);
            gen.writeFieldName("unitPrice");
            gen.writeNumber(BigDecimal.valueOf(cents, 2));
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeFieldName("total");
        gen.writeNumber(BigDecimal.valueOf(total, 2));
        gen.writeStringField("note", pick(NOTES, r));
        gen.writeEndObject();
    }

    private static void event(JsonGenerator gen, long id, SplittableRandom r) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("id", id);
        gen.writeStringField("type", pick(EVENT_TYPES, r));
        gen.writeStringField("at", timestamp(r));
        gen.writeNumberField("customerId", r.nextLong(1, 1_000_000));
        gen.writeStringField("session", Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
        gen.writeObjectFieldStart("context");
        gen.writeStringField("path", pick(PATHS, r));
        gen.writeStringField("userAgent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + r.nextInt(100, 130) + ".0");
        gen.writeNumberField("durationMs", r.nextInt(5, 30_000));
        if (r.nextInt(3) == 0) {
            gen.writeNullField("referrer");
        } else {
            gen.writeStringField("referrer", "https://www.example.org" + pick(PATHS, r));
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    private static String timestamp(SplittableRandom r) {
        return Instant.ofEpochSecond(EPOCH_2023 + r.nextLong(3 * 365 * 86_400L), r.nextInt(1000) * 1_000_000L).toString();
    }

    /** E-mail-safe forms of the names: accents dropped, other letters left out. */
    private static String[] asciiNames(String[] names) {
        return java.util.Arrays.stream(names)
                .map(n -> Normalizer.normalize(n, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase())
                .toArray(String[]::new);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Collection(String name, double share) {
    }
}
