package io.jsonmig.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The benchmark's output: one line per measurement, printed as soon as it is known. */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void source(SourceGenerator.Generated source, long seed, long nanos) {
        line("source: %.1f MB (2^20 bytes) in %d file(s), layout %s, %,d records, seed %d; generated in %.1f s",
                mb(source.bytes()), source.files().size(), source.layout().label(), source.records(), seed,
                seconds(nanos));
        line("page cache: warm for every measurement (one full read of the source right before it); nothing dropped");
        line("service time: from publishing migration.requested to receiving backup.completed, after one small"
                + " warm-up backup by the same process");
    }

    /** One timed backup; {@code skipped} says why its figures do not count, or is null. */
    record ServiceRun(String variant, long nanos, long peakRssBytes, boolean outOfMemory, String skipped) {
    }

    void progress(String what) {
        line("  .. %s", what);
    }

    void results(long bytes, CopyBaseline.Timing baseline, List<ServiceRun> runs) {
        line("%-28s %7.2f s %8.1f MB/s   (cp -r %.2f s, sha256sum %.2f s)", "cp -r + sha256sum",
                seconds(baseline.totalNanos()), rate(bytes, baseline.totalNanos()), seconds(baseline.copyNanos()),
                seconds(baseline.hashNanos()));
        for (ServiceRun run : runs) {
            String name = "backup-service " + run.variant();
            if (run.skipped() != null) {
                line("%-28s skipped: %s", name, run.skipped());
                continue;
            }
            double ratio = (double) baseline.totalNanos() / run.nanos();
            line("%-28s %7.2f s %8.1f MB/s   ratio %5.1f %% (target >= %.0f %%: %s)   peak RSS %.0f MB   OOM: %s",
                    name, seconds(run.nanos()), rate(bytes, run.nanos()), ratio * 100,
                    BackupBenchmark.TARGET_RATIO * 100, ratio >= BackupBenchmark.TARGET_RATIO ? "met" : "NOT met",
                    mb(run.peakRssBytes()), run.outOfMemory() ? "YES" : "no");
        }
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static double mb(long bytes) {
        return bytes / (double) BenchConfig.MB;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double rate(long bytes, long nanos) {
        return mb(bytes) / seconds(nanos);
    }
}
