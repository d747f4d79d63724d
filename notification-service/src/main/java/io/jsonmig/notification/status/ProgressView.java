package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * One progress bar: how far a phase is with one item, and, when the phase's start and the time of
 * the report are known, the rate since the phase started and the time left at that rate. Backup's
 * {@code bytes} count in bytes, every other item in records. A run waiting for its maintenance window
 * has no bar but a countdown to the window.
 *
 * @param key     {@code PHASE/item}, as in the run state's progress
 * @param percent 0–100, or {@code -1} when the total is unknown
 * @param label   what the bar says in words, e.g. {@code 150 of 300 records (50%) · 37 records/s · about 4.0 s left}
 * @param opensAt when the maintenance window opens, for the waiting run's countdown; else {@code null}
 */
public record ProgressView(String key, Phase phase, String item, long done, long total, int percent, String label,
                           Instant opensAt) {

    /** Phase order, then the items by name: the order of the page's bars. */
    static final Comparator<Progress> ORDER = Comparator.comparing(Progress::phase)
            .thenComparing(Progress::item);

    static ProgressView of(Progress progress, Instant reportedAt, Instant phaseStartedAt) {
        return of(progress, reportedAt, phaseStartedAt, Instant.now());
    }

    static ProgressView of(Progress progress, Instant reportedAt, Instant phaseStartedAt, Instant now) {
        String key = progress.phase() + "/" + progress.item();
        if (Progress.WAITING_FOR_WINDOW.equals(progress.item()) && reportedAt != null) {
            Instant opens = reportedAt.plusSeconds(progress.total());
            return new ProgressView(key, progress.phase(), progress.item(), 0, -1, -1, windowLabel(opens, now), opens);
        }
        boolean bytes = "bytes".equals(progress.item());
        boolean totalKnown = progress.total() > 0;
        int percent = totalKnown ? (int) Math.min(100, progress.done() * 100 / progress.total())
                : progress.total() == 0 ? 100 : -1;
        StringBuilder label = new StringBuilder().append(amount(progress.done(), bytes));
        if (progress.total() >= 0) {
            label.append(" of ").append(amount(progress.total(), bytes)).append(bytes ? "" : " records")
                    .append(" (").append(percent).append("%)");
        } else if (!bytes) {
            label.append(" records");
        }
        if (reportedAt != null && phaseStartedAt != null && progress.done() > 0) {
            Duration elapsed = Duration.between(phaseStartedAt, reportedAt);
            if (elapsed.toMillis() > 0) {
                double perSecond = progress.done() * 1000.0 / elapsed.toMillis();
                label.append(" · ").append(bytes ? StatusFormat.bytes(Math.round(perSecond)) + "/s"
                        : StatusFormat.rate(perSecond).replace("/s", " records/s"));
                if (totalKnown && progress.done() < progress.total()) {
                    long millisLeft = Math.round((progress.total() - progress.done()) * 1000.0 / perSecond);
                    label.append(" · about ").append(StatusFormat.text(Duration.ofMillis(millisLeft))).append(" left");
                }
            }
        }
        return new ProgressView(key, progress.phase(), progress.item(), progress.done(), progress.total(), percent,
                label.toString(), null);
    }

    /** As {@code jsonmig watch} says it: {@code opens in 56 s (04:06:28)}, or when it opened. */
    static String windowLabel(Instant opens, Instant now) {
        return now.isBefore(opens)
                ? "maintenance window opens in " + StatusFormat.text(Duration.between(now, opens).withNanos(0))
                        + " (" + StatusFormat.clock(opens) + " UTC)"
                : "maintenance window opened at " + StatusFormat.clock(opens) + " UTC";
    }

    private static String amount(long value, boolean bytes) {
        return bytes ? StatusFormat.bytes(value) : StatusFormat.count(value);
    }

    /** The name of the bar: phase and item, in words. */
    public String name() {
        return StatusWords.name(phase) + " · " + (Progress.WAITING_FOR_WINDOW.equals(item) ? "waiting" : item);
    }

    /** The bar's maximum: a known total, else 1 (a bar needs a positive maximum). */
    public long max() {
        return total > 0 ? total : 1;
    }

    /** The bar's value; a total of 0 is a full bar. */
    public long value() {
        return total > 0 ? Math.min(done, total) : 1;
    }
}
