package io.jsonmig.bench.migration;

import io.jsonmig.bench.BenchConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.jsonmig.bench.BenchConfig.property;

/**
 * The migration benchmark's settings, from system properties ({@code -Dbench.records=...}); the bench
 * profile of the module's pom passes Maven's properties through.
 *
 * @param records            records in the generated {@code db.json} when no size is given
 * @param sizeMb             the size of the generated {@code db.json} in MB (2^20 bytes); 0: by {@code records}
 * @param seed               seed of the generated records
 * @param naiveSample        records inserted one by one for the naive comparison
 * @param workDir            where the temporary directory (source, CSV, snapshots, logs) is created
 * @param backupJar          the packaged backup-service ({@code quarkus-run.jar})
 * @param migrationJar       the packaged migration-service
 * @param verificationJar    the packaged verification-service
 * @param serviceXmx         the services' maximum heap: {@code bench.service-xmx}, else the stack's {@code -Xmx}
 * @param serviceJavaOptions the stack's other JVM options ({@code ./jsonmig stack up}), then
 *                           {@code bench.service-java-options}, e.g. a flight recording
 * @param reverse            after the forward run, time a rollback after the cut-over
 * @param tracing            run jsonmig again with metrics and tracing off, and with both on (traces exported to
 *                           an OTLP receiver), side by side with the run as the stack runs it ({@code bench.tracing})
 */
record MigrationBenchConfig(long records, int sizeMb, long seed, int naiveSample, Path workDir, Path backupJar,
                            Path migrationJar, Path verificationJar, String serviceXmx,
                            List<String> serviceJavaOptions, boolean reverse, boolean tracing) {

    static MigrationBenchConfig fromSystemProperties() {
        long records = Long.parseLong(property("bench.records", "1000000"));
        if (records < 6) {
            throw new IllegalArgumentException("bench.records must be 6 or more (one per collection), was " + records);
        }
        int sizeMb = Integer.parseInt(property("bench.size-mb", "0"));
        if (sizeMb < 0) {
            throw new IllegalArgumentException("bench.size-mb must be 1 or more (or unset), was " + sizeMb);
        }
        int naiveSample = Integer.parseInt(property("bench.naive-sample", "20000"));
        if (naiveSample < 6) {
            throw new IllegalArgumentException("bench.naive-sample must be 6 or more (one per table), was " + naiveSample);
        }
        String options = property("bench.service-java-options", "").strip();
        StackJavaOptions stack = StackJavaOptions.read(Path.of(property("bench.stack-properties",
                "cli/src/main/resources/application.properties")).toAbsolutePath());
        List<String> javaOptions = new java.util.ArrayList<>(stack.options());
        if (!options.isEmpty()) {
            javaOptions.addAll(Arrays.asList(options.split("\\s+")));
        }
        return new MigrationBenchConfig(records, sizeMb, Long.parseLong(property("bench.seed", "42")), naiveSample,
                Path.of(property("bench.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath(),
                Path.of(property("bench.service-jar", "backup-service/target/quarkus-app/quarkus-run.jar")).toAbsolutePath(),
                Path.of(property("bench.migration-jar", "migration-service/target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath(),
                Path.of(property("bench.verification-jar", "verification-service/target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath(),
                property("bench.service-xmx", stack.xmx()), List.copyOf(javaOptions),
                Boolean.parseBoolean(property("bench.reverse", "true")),
                Boolean.parseBoolean(property("bench.tracing", "false")));
    }

    /** The services' JVM options as the command line shows them. */
    String jvm() {
        return String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx" + serviceXmx,
                "-XX:+ExitOnOutOfMemoryError"), serviceJavaOptions.stream()).distinct().toList());
    }

    long sizeBytes() {
        return sizeMb * BenchConfig.MB;
    }
}
