package io.jsonmig.events.state;

import io.jsonmig.events.payload.Finalization;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Duration;
import java.time.Instant;

/**
 * A run's stabilization window, once it was cut over: from {@code cutover.ready} until {@code endsAt},
 * or until {@code run.finalized} came earlier.
 *
 * @param window       its length, as the run asked for
 * @param cutoverAt    when the cut-over was announced
 * @param endsAt       when the window ends by itself
 * @param finalizedAt  when {@code run.finalized} closed it; {@code null} while it is open
 * @param finalization why it was closed; {@code null} while it is open
 * @param finalizedBy  who closed it; {@code null} while it is open
 */
public record StabilizationWindow(@JsonFormat(shape = JsonFormat.Shape.STRING) Duration window,
                                  Instant cutoverAt, Instant endsAt, Instant finalizedAt,
                                  Finalization finalization, String finalizedBy) {

    static StabilizationWindow opened(Duration window, Instant cutoverAt) {
        return new StabilizationWindow(window, cutoverAt, cutoverAt.plus(window), null, null, null);
    }

    StabilizationWindow finalized(Instant at, Finalization how, String by) {
        return new StabilizationWindow(window, cutoverAt, endsAt, at, how, by);
    }

    /** Whether the way back is still open. */
    public boolean isOpen() {
        return finalizedAt == null;
    }

    /** Time left at {@code now}: zero once the window has passed or was closed. */
    public Duration remainingAt(Instant now) {
        if (!isOpen() || !endsAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, endsAt);
    }
}
