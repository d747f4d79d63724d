package io.jsonmig.bench.migration;

import io.jsonmig.bench.BenchConfig;
import io.jsonmig.bench.LoadAverage;
import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.bench.placeholder.PlaceholderGenerator;
import io.jsonmig.events.payload.TableLoad;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The migration benchmark's output: one line per measurement as soon as it is known, then the table. */
final class MigrationReport {

    /** The targets: jsonmig at least 70 % of the COPY floor, and 20 times the naive inserts. */
    static final double TARGET_OF_FLOOR = 0.70;
    static final double TARGET_OVER_NAIVE = 20;
    /** Metrics and traces exported may cost the load at most 3 % of its rows per second. */
    static final double OBSERVABILITY_COST_LIMIT = 0.03;

    private final PrintStream out;

    MigrationReport(PrintStream out) {
        this.out = out;
    }

    /** What the jsonmig run measured: its load time (backup.completed → data.migrated) and what the service says. */
    record JsonmigRun(LoadTiming load, long backupNanos, long durationMillis, List<TableLoad> tables,
                      List<Stage> stages, long peakRssBytes, boolean outOfMemory, LoadTiming verification,
                      long verificationPeakRssBytes, boolean verificationOutOfMemory, long forwardNanos,
                      long backupPeakRssBytes, RollbackRun rollback) {

        JsonmigRun withRollback(RollbackRun rollback) {
            return new JsonmigRun(load, backupNanos, durationMillis, tables, stages, peakRssBytes, outOfMemory,
                    verification, verificationPeakRssBytes, verificationOutOfMemory, forwardNanos, backupPeakRssBytes,
                    rollback);
        }
    }

    /** The targets for the rollback after the cut-over. */
    static final double TARGET_ROLLBACK_OF_FORWARD = 1.5;
    static final long TARGET_PEAK_RSS_BYTES = 512L << 20;
    static final long TARGET_FENCE_MILLIS = 1000;

    /** The target: the verification at least as fast as the migration. */
    static final double TARGET_VERIFICATION_OF_MIGRATION = 1.0;

    /** A part of the load time; {@code rows} 0 when no rate is printed for it. */
    record Stage(String what, long nanos, long rows) {
    }

    void source(PlaceholderGenerator.Generated source, long seed, long nanos) {
        line("source: db.json of %.1f MB (2^20 bytes), %,d records (%s), seed %d; generated with the CSV files in %.1f s",
                mb(source.bytes()), source.totalRecords(), counts(source.records()), seed, nanos / 1e9);
    }

    void progress(String what) {
        line("  .. %s (load average %s)", what, LoadAverage.now());
    }

    void floor(LoadTiming floor, String when) {
        line("(a) COPY of the CSV files, %s: %,d rows in %.2f s = %,.0f rows/s", when, floor.rows(), floor.seconds(),
                floor.rowsPerSecond());
        line("    per table: %s", floor.tables().entrySet().stream()
                .map(t -> String.format(Locale.ROOT, "%s %.2f s (%,.0f rows/s)", t.getKey(), t.getValue().seconds(),
                        t.getValue().rowsPerSecond()))
                .collect(Collectors.joining(", ")));
    }

    void jsonmig(String label, JsonmigRun run) {
        line(label + " jsonmig: backup %.2f s; backup.completed -> data.migrated %,d rows in %.2f s = %,.0f rows/s;"
                        + " data.migrated durationMillis %,d (%,.0f rows/s)",
                run.backupNanos() / 1e9, run.load().rows(), run.load().seconds(), run.load().rowsPerSecond(),
                run.durationMillis(), run.load().rows() / (run.durationMillis() / 1000.0));
        line("    per table: %s", run.tables().stream()
                .map(t -> t.table() + " " + String.format(Locale.ROOT, "%,d", t.rows())
                        + (t.rejected() == 0 ? "" : " (" + t.rejected() + " rejected)"))
                .collect(Collectors.joining(", ")));
        line("(v) verification: data.migrated -> verification.passed %,d rows in %.2f s = %,.0f rows/s",
                run.verification().rows(), run.verification().seconds(), run.verification().rowsPerSecond());
        if (!run.stages().isEmpty()) {
            line("    where the time went (progress events): %s", run.stages().stream()
                    .map(s -> String.format(Locale.ROOT, "%s %.2f s", s.what(), s.nanos() / 1e9)
                            + (s.rows() == 0 || s.nanos() == 0 ? ""
                            : String.format(Locale.ROOT, " (%,.0f rows/s)", s.rows() / (s.nanos() / 1e9))))
                    .collect(Collectors.joining(", ")));
        }
    }

    void rollback(RollbackRun r) {
        line("(r) application writes (JDBC, during the window): %s", r.writes().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d updated / %,d inserted / %,d deleted", e.getKey().table(),
                        e.getValue().updated(), e.getValue().inserted(), e.getValue().deleted()))
                .collect(Collectors.joining(", ")));
        line("(r) rollback after the cut-over: rollback.requested -> datasource.reverted %.2f s: to the fence %.2f s"
                        + " (fence lock -> commit %,d ms), fence -> reverse-sync.exported %.2f s, -> reverse-sync.verified"
                        + " %.2f s, -> datasource.reverted %.2f s", r.totalNanos() / 1e9, r.requestedToFencedNanos() / 1e9,
                r.fenceLockMillis(), r.fencedToExportedNanos() / 1e9, r.exportedToVerifiedNanos() / 1e9,
                r.verifiedToRevertedNanos() / 1e9);
        line("    carried back (datasource.reverted): %s", r.carriedBack().stream()
                .map(c -> String.format(Locale.ROOT, "%s %,d updated / %,d inserted / %,d deleted", c.collection(),
                        c.updated(), c.inserted(), c.deleted()))
                .collect(Collectors.joining(", ")));
        line("    peak RSS during the rollback (VmHWM reset before it): %s", r.peakRss().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f MB%s", e.getKey(), mb(e.getValue()),
                        r.outOfMemory().get(e.getKey()) ? " (OOM)" : ""))
                .collect(Collectors.joining(", ")));
        line("    restored db.json: %s; %,d updated and %,d inserted records checked; writes after the fence fail: %s%s",
                counts(r.restored().records()), r.restored().updatedChecked(), r.restored().insertedFound(),
                r.writesFailAfterFence() ? "yes" : "NO",
                r.restored().problems().isEmpty() ? "; matches the tables"
                        : "; PROBLEMS:\n      - " + String.join("\n      - ", r.restored().problems()));
    }

    /**
     * The same run with metrics and tracing off (o), with metrics only as the stack runs (b), and with both (t):
     * what each costs the load and the whole run.
     */
    void observability(JsonmigRun dark, JsonmigRun metrics, JsonmigRun traced, int spans) {
        line("(o) metrics and tracing off (JSONMIG_METRICS_ENABLED=false): load %,.0f rows/s, verification %,.0f rows/s, "
                + "start -> cut-over %.2f s", dark.load().rowsPerSecond(), dark.verification().rowsPerSecond(),
                dark.forwardNanos() / 1e9);
        cost("(b) metrics on, as the stack runs", dark, metrics, "");
        cost("(t) metrics and tracing on", dark, traced, String.format(Locale.ROOT,
                " (JSONMIG_OTEL_ENDPOINT, %,d spans received)", spans));
    }

    private void cost(String what, JsonmigRun dark, JsonmigRun on, String detail) {
        double load = on.load().rowsPerSecond() / dark.load().rowsPerSecond();
        double verification = on.verification().rowsPerSecond() / dark.verification().rowsPerSecond();
        double whole = (double) dark.forwardNanos() / on.forwardNanos();
        line("%s%s: load %,.0f rows/s = %.1f %% of (o) (cost %.1f %%, target < %.0f %%: %s); verification %.1f %%; "
                        + "start -> cut-over %.2f s = %.1f %% of (o)'s speed",
                what, detail, on.load().rowsPerSecond(), load * 100, (1 - load) * 100, OBSERVABILITY_COST_LIMIT * 100,
                1 - load < OBSERVABILITY_COST_LIMIT ? "met" : "NOT met", verification * 100, on.forwardNanos() / 1e9,
                whole * 100);
    }

    void naive(LoadTiming naive) {
        line("(c) naive INSERT per row, autocommit: %,d rows in %.2f s = %,.0f rows/s", naive.rows(), naive.seconds(),
                naive.rowsPerSecond());
    }

    void summary(long sourceBytes, LoadTiming floor, JsonmigRun jsonmig, LoadTiming naive, String xmx) {
        double ofFloor = jsonmig.load().rowsPerSecond() / floor.rowsPerSecond();
        double overNaive = jsonmig.load().rowsPerSecond() / naive.rowsPerSecond();
        line("");
        line("%-48s %12s %10s %12s", "", "rows", "seconds", "rows/s");
        row("(a) COPY of CSV files (floor, faster of 2)", floor);
        row("(b) jsonmig (backup.completed -> data.migrated)", jsonmig.load());
        row("(c) naive INSERT per row, autocommit", naive);
        row("(v) verification (data.migrated -> .passed)", jsonmig.verification());
        line("b/a: %.1f %% (target >= %.0f %%: %s)", ofFloor * 100, TARGET_OF_FLOOR * 100,
                ofFloor >= TARGET_OF_FLOOR ? "met" : "NOT met");
        line("b/c: %.1fx (target >= %.0fx: %s)", overNaive, TARGET_OVER_NAIVE,
                overNaive >= TARGET_OVER_NAIVE ? "met" : "NOT met");
        double verificationOfMigration = jsonmig.verification().rowsPerSecond() / jsonmig.load().rowsPerSecond();
        line("v/b: %.2fx (verification at least as fast as the migration: %s); v/a: %.1f %%", verificationOfMigration,
                verificationOfMigration >= TARGET_VERIFICATION_OF_MIGRATION ? "met" : "NOT met",
                jsonmig.verification().rowsPerSecond() / floor.rowsPerSecond() * 100);
        line("source: %.1f MB; migration-service peak RSS (VmHWM, forward run) %.0f MB; OOM: %s",
                mb(sourceBytes), mb(jsonmig.peakRssBytes()), jsonmig.outOfMemory() ? "YES" : "no");
        line("verification-service peak RSS (VmHWM) %.0f MB; OOM: %s",
                mb(jsonmig.verificationPeakRssBytes()), jsonmig.verificationOutOfMemory() ? "YES" : "no");
        line("backup-service peak RSS (VmHWM, forward run) %.0f MB; services' JVM options: %s",
                mb(jsonmig.backupPeakRssBytes()), xmx);
        RollbackRun r = jsonmig.rollback();
        if (r == null) {
            line("(r) rollback after the cut-over: not run (bench.reverse=false)");
            return;
        }
        double ofForward = r.totalNanos() / (double) jsonmig.forwardNanos();
        line("(r) rollback %.2f s vs forward run (migration.requested -> cutover.ready) %.2f s: %.2fx (target <= %.1fx:"
                        + " %s); vs the load alone (b) %.2fx", r.totalNanos() / 1e9, jsonmig.forwardNanos() / 1e9, ofForward,
                TARGET_ROLLBACK_OF_FORWARD, ofForward <= TARGET_ROLLBACK_OF_FORWARD ? "met" : "NOT met",
                r.totalNanos() / (double) jsonmig.load().nanos());
        long maxRss = r.peakRss().values().stream().mapToLong(Long::longValue).max().orElse(0);
        line("(r) peak RSS during the rollback, largest %.0f MB (target < 512 MB: %s); OOM: %s; fence %,d ms (target"
                        + " < 1 s: %s); restored db.json %s", mb(maxRss), maxRss < TARGET_PEAK_RSS_BYTES ? "met" : "NOT met",
                r.outOfMemory().containsValue(true) ? "YES" : "no", r.fenceLockMillis(),
                r.fenceLockMillis() < TARGET_FENCE_MILLIS ? "met" : "NOT met",
                r.restored().problems().isEmpty() ? "matches the tables" : "DOES NOT match the tables");
    }

    private void row(String name, LoadTiming timing) {
        line("%-48s %,12d %10.2f %,12.0f", name, timing.rows(), timing.seconds(), timing.rowsPerSecond());
    }

    private static String counts(Map<PlaceholderCollection, Long> records) {
        return records.entrySet().stream()
                .map(e -> e.getKey().collectionName() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static double mb(long bytes) {
        return bytes / (double) BenchConfig.MB;
    }
}
