package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.support.source.FileHashes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static io.jsonmig.support.snapshot.TestCodecs.KEY;
import static io.jsonmig.support.snapshot.TestCodecs.codec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the codec on ~200 MB of JSON records, file to file, printed, not asserted:
 * {@code ../mvnw -B -o test -Dtest=SnapshotCodecThroughputTest -Djsonmig.codec.throughput=true
 * [-Djsonmig.codec.throughput.mb=200]}.
 */
@EnabledIfSystemProperty(named = "jsonmig.codec.throughput", matches = "true")
class SnapshotCodecThroughputTest {

    @TempDir
    Path dir;

    @Test
    void printsEncodeAndDecodeMegabytesPerSecond() throws IOException {
        long megabytes = Long.getLong("jsonmig.codec.throughput.mb", 200);
        Path source = generate(dir.resolve("records.ndjson"), megabytes * 1024 * 1024);
        double mb = Files.size(source) / 1e6;
        String sourceSha = FileHashes.sha256(source);
        SnapshotCodec codec = codec("gzip", KEY);
        SnapshotStorage encrypted = codec("none", KEY).storageForNewSnapshots();

        // warm-up: the page cache holds the source, the JIT has compiled the hot loops
        run(codec, source, encrypted, dir.resolve("warmup"));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nsnapshot codec throughput, %.0f MB of NDJSON, JVM max heap %d MB%n", mb,
                Runtime.getRuntime().maxMemory() >> 20));
        long start = System.nanoTime();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), FileHashes.sha256())) {
            Files.copy(in, dir.resolve("copy"));
        }
        report.append(line("copy + SHA-256 (baseline)", mb, System.nanoTime() - start, Files.size(dir.resolve("copy"))));
        for (SnapshotStorage storage : List.of(SnapshotStorage.PLAIN, new SnapshotStorage("gzip", "none", null),
                encrypted, codec.storageForNewSnapshots())) {
            Path stored = dir.resolve("stored-" + storage.compression() + "-" + storage.encryption());
            long encode = System.nanoTime();
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = codec.encoder(Files.newOutputStream(stored), storage)) {
                in.transferTo(out);
            }
            encode = System.nanoTime() - encode;
            long decode = System.nanoTime();
            MessageDigest digest = FileHashes.sha256();
            try (InputStream in = new DigestInputStream(codec.open(stored, storage), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            decode = System.nanoTime() - decode;
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sourceSha);
            String name = storage.compression() + " + " + storage.encryption();
            report.append(line("encode " + name, mb, encode, Files.size(stored)));
            report.append(line("decode " + name + " + SHA-256", mb, decode, Files.size(stored)));
            Files.delete(stored);
        }
        System.out.println(report);
    }

    private static void run(SnapshotCodec codec, Path source, SnapshotStorage storage, Path stored) throws IOException {
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = codec.encoder(Files.newOutputStream(stored), storage)) {
            in.transferTo(out);
        }
        try (InputStream in = codec.open(stored, storage)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Files.delete(stored);
    }

    private static String line(String what, double mb, long nanos, long storedBytes) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "  %-38s %6.2f s  %7.1f MB/s  (stored %.0f MB)%n", what, seconds,
                mb / seconds, storedBytes / 1e6);
    }

    /** Seeded records of ~300 bytes: strings, integers, decimals, a nested object, an array. */
    private static Path generate(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            for (long id = 1; written < bytes; id++) {
                String line = String.format(Locale.ROOT,
                        "{\"id\":%d,\"name\":\"%s %s\",\"email\":\"user%d@example.com\",\"balance\":%d.%02d,"
                                + "\"active\":%b,\"createdAt\":\"2026-%02d-%02dT%02d:%02d:00Z\",\"address\":{\"street\":"
                                + "\"%d %s street\",\"city\":\"%s\",\"zip\":\"%05d\"},\"tags\":[\"%s\",\"%s\"],"
                                + "\"note\":\"%s\"}%n",
                        id, words[random.nextInt(10)], words[random.nextInt(10)], random.nextInt(1_000_000),
                        random.nextInt(100_000), random.nextInt(100), random.nextBoolean(), 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(999),
                        words[random.nextInt(10)], words[random.nextInt(10)], random.nextInt(100_000),
                        words[random.nextInt(10)], words[random.nextInt(10)], Long.toHexString(random.nextLong()));
                out.write(line);
                written += line.length();
            }
        }
        return file;
    }
}
