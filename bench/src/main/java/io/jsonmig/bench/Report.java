package io.jsonmig.bench;

import java.io.PrintStream;
import java.util.Collections;
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

    /**
     * The timed backups of one variant, each paired with the cp + sha256sum timing taken right before it;
     * {@code skipped} says why there are no figures, or is null.
     */
    record ServiceRun(String variant, List<Long> nanos, List<CopyBaseline.Timing> floors, long peakRssBytes,
                      boolean outOfMemory, String skipped) {

        /** Median of the pairwise ratios floor / backup: robust when the load on the machine changes. */
        double ratio() {
            List<Double> ratios = new java.util.ArrayList<>();
            for (int i = 0; i < nanos.size(); i++) {
                ratios.add((double) floors.get(i).totalNanos() / nanos.get(i));
            }
            ratios.sort(null);
            int n = ratios.size();
            return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        }
    }

    void progress(String what) {
        line("  .. %s (load average %s)", what, LoadAverage.now());
    }

    /** Medians decide; the range shows how noisy the machine was. */
    void results(long bytes, List<ServiceRun> runs) {
        line("");
        line("median of the timed runs; range in brackets; ratio = median of (cp + sha256sum) / backup over the pairs");
        for (ServiceRun run : runs) {
            String name = "backup-service " + run.variant();
            if (run.skipped() != null) {
                line("%-32s skipped: %s", name, run.skipped());
                continue;
            }
            List<Long> floors = run.floors().stream().map(CopyBaseline.Timing::totalNanos).toList();
            long floor = median(floors);
            line("%-32s %7.2f s %8.1f MB/s  [%s]   cp -r %.2f s + sha256sum %.2f s", "  cp -r + sha256sum",
                    seconds(floor), rate(bytes, floor), range(floors),
                    seconds(median(run.floors().stream().map(CopyBaseline.Timing::copyNanos).toList())),
                    seconds(median(run.floors().stream().map(CopyBaseline.Timing::hashNanos).toList())));
            long service = median(run.nanos());
            line("%-32s %7.2f s %8.1f MB/s  [%s]   ratio %.1f %% (target >= %.0f %%: %s)   peak RSS %.0f MB   OOM: %s",
                    name, seconds(service), rate(bytes, service), range(run.nanos()), run.ratio() * 100,
                    BackupBenchmark.TARGET_RATIO * 100, run.ratio() >= BackupBenchmark.TARGET_RATIO ? "met" : "NOT met",
                    mb(run.peakRssBytes()), run.outOfMemory() ? "YES" : "no");
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String range(List<Long> values) {
        return String.format(Locale.ROOT, "%.2f-%.2f s", seconds(Collections.min(values)), seconds(Collections.max(values)));
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
