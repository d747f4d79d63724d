package io.jsonmig.notification.status;

import io.jsonmig.events.state.StabilizationWindow;

import java.time.Duration;
import java.time.Instant;

/**
 * A run's stabilization window as its page shows it: open with its end and time left (the page counts
 * down from {@code endsAt}), or how it ended.
 *
 * @param open   whether the way back is still open
 * @param endsAt when an open window ends by itself; {@code null} once closed or while unknown
 * @param text   in words, as of the page's rendering
 */
public record WindowView(boolean open, Instant endsAt, String text) {

    static WindowView of(StabilizationWindow window, Instant now) {
        if (window == null) {
            return null;
        }
        if (window.isFinalized()) {
            return new WindowView(false, null, "finalized at " + StatusFormat.dateTime(window.finalizedAt())
                    + " by " + window.finalizedBy() + ": the data lives in PostgreSQL for good");
        }
        if (window.rolledBackAt() != null) {
            return new WindowView(false, null, "ended by a rollback at " + StatusFormat.dateTime(window.rolledBackAt()));
        }
        if (window.endsAt() == null) {
            return new WindowView(true, null, "open");
        }
        Duration left = window.remainingAt(now).withNanos(0);
        return new WindowView(true, window.endsAt(), "open until " + StatusFormat.dateTime(window.endsAt())
                + " (" + StatusFormat.text(left) + " left): the JSON files are the way back until then");
    }
}
