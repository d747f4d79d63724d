package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;

import java.time.Duration;
import java.time.Instant;

/**
 * One progress bar: how far a phase is with one item, and, when the phase's start and the time of
 * the report are known, the rate since the phase started and the time left at that rate.
 *
 * @param key     {@code PHASE/item}, as in the run state's progress
 * @param percent 0–100, or {@code -1} when the total is unknown
 * @param label   what the bar says in words, e.g. {@code 150 of 300 (50%) · 37/s · about 4.0 s left}
 */
public record ProgressView(String key, Phase phase, String item, long done, long total, int percent, String label) {

    static ProgressView of(Progress progress, Instant reportedAt, Instant phaseStartedAt) {
        boolean totalKnown = progress.total() > 0;
        int percent = totalKnown ? (int) Math.min(100, progress.done() * 100 / progress.total())
                : progress.total() == 0 ? 100 : -1;
        StringBuilder label = new StringBuilder().append(progress.done());
        if (progress.total() >= 0) {
            label.append(" of ").append(progress.total()).append(" (").append(percent).append("%)");
        }
        if (reportedAt != null && phaseStartedAt != null && progress.done() > 0) {
            Duration elapsed = Duration.between(phaseStartedAt, reportedAt);
            if (elapsed.toMillis() > 0) {
                double perSecond = progress.done() * 1000.0 / elapsed.toMillis();
                label.append(" · ").append(StatusFormat.rate(perSecond));
                if (totalKnown && progress.done() < progress.total()) {
                    long millisLeft = Math.round((progress.total() - progress.done()) * 1000.0 / perSecond);
                    label.append(" · about ").append(StatusFormat.text(Duration.ofMillis(millisLeft))).append(" left");
                }
            }
        }
        return new ProgressView(progress.phase() + "/" + progress.item(), progress.phase(), progress.item(),
                progress.done(), progress.total(), percent, label.toString());
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
