package io.jsonmig.migration.load;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;

import java.time.Duration;

/**
 * When a table's load reports its progress (every N records, or after a while without a report)
 * and at what rate: records read by this process per second, so a resumed load's rate and time
 * left are not flattered by the records committed before the restart.
 */
final class ProgressMeter {

    private final String table;
    private final long total;
    private final long every;
    private final long intervalNanos;
    private final long startDone;
    private final long startNanos;
    private long lastReportNanos;

    ProgressMeter(String table, long total, long every, Duration interval, long startDone) {
        this.table = table;
        this.total = total;
        this.every = every;
        this.intervalNanos = interval.toNanos();
        this.startDone = startDone;
        this.startNanos = System.nanoTime();
        this.lastReportNanos = startNanos;
    }

    /** Whether a report is due after {@code done} records; the complete table has its own report. */
    boolean due(long done) {
        if (done == total) {
            return false;
        }
        return done % every == 0 || System.nanoTime() - lastReportNanos >= intervalNanos;
    }

    Progress report(long done, long bytes) {
        long now = System.nanoTime();
        lastReportNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        return Progress.atRate(Phase.MIGRATION, table, done, total, bytes, rate);
    }
}
