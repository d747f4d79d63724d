package io.jsonmig.bench;

import io.jsonmig.bench.migration.MigrationBenchmark;

/** The bench profile's entry point: {@code -Dbench.suite=backup} (the default) or {@code migration}. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        String suite = BenchConfig.property("bench.suite", "backup");
        switch (suite) {
            case "backup" -> BackupBenchmark.main(args);
            case "migration" -> MigrationBenchmark.main(args);
            default -> {
                System.err.println("BENCHMARK FAILED: unknown bench.suite '" + suite + "': expected backup or migration");
                System.exit(2);
            }
        }
    }
}
