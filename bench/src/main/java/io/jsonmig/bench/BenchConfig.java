package io.jsonmig.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The backup benchmark's settings, from system properties ({@code -Dbench.size-mb=...}); the bench
 * profile of the module's pom passes Maven's properties through.
 *
 * @param sizeMb             size of the generated source in MB (2^20 bytes)
 * @param seed               seed of the generated records
 * @param layout             layout of the generated source
 * @param compression        {@code none} or {@code gzip}: with gzip, a variant with JSONMIG_SNAPSHOT_COMPRESSION runs too
 * @param encrypt            a variant with a random JSONMIG_SNAPSHOT_KEY runs too
 * @param repeat             how often each side is timed (the median counts: other work on the machine adds noise)
 * @param workDir            where the temporary directory (source, snapshots, copies) is created
 * @param serviceJar         the packaged backup-service ({@code quarkus-run.jar})
 * @param serviceXmx         the service's maximum heap
 * @param serviceJavaOptions further JVM options for the service, e.g. a flight recording
 */
public record BenchConfig(int sizeMb, long seed, Layout layout, String compression, boolean encrypt, int repeat, Path workDir,
                          Path serviceJar, String serviceXmx, List<String> serviceJavaOptions) {

    public static final long MB = 1L << 20;

    public static BenchConfig fromSystemProperties() {
        int sizeMb = Integer.parseInt(property("bench.size-mb", "1024"));
        if (sizeMb < 1) {
            throw new IllegalArgumentException("bench.size-mb must be 1 or more, was " + sizeMb);
        }
        String compression = property("bench.compression", "none");
        if (!List.of("none", "gzip").contains(compression)) {
            throw new IllegalArgumentException("bench.compression must be none or gzip, was '" + compression + "'");
        }
        int repeat = Integer.parseInt(property("bench.repeat", "3"));
        if (repeat < 1) {
            throw new IllegalArgumentException("bench.repeat must be 1 or more, was " + repeat);
        }
        String jar = property("bench.service-jar", "backup-service/target/quarkus-app/quarkus-run.jar");
        String options = property("bench.service-java-options", "").strip();
        return new BenchConfig(sizeMb, Long.parseLong(property("bench.seed", "42")),
                Layout.of(property("bench.layout", "array-per-file")), compression,
                Boolean.parseBoolean(property("bench.encrypt", "false")), repeat,
                Path.of(property("bench.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath(),
                Path.of(jar).toAbsolutePath(), property("bench.service-xmx", "256m"),
                options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")));
    }

    public long sizeBytes() {
        return sizeMb * MB;
    }

    /** A system property, or the fallback when it is unset or blank. */
    public static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
