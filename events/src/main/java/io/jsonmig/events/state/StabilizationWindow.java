package io.jsonmig.events.state;

import io.jsonmig.events.payload.Finalization;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Duration;
import java.time.Instant;

/**
 * A run's stabilization window, once it was cut over: from {@code cutover.ready} until {@code endsAt},
 * or until {@code run.finalized} or a rollback came earlier.
 *
 * @param window       its length, as the run asked for
 * @param cutoverAt    when the cut-over was announced; {@code null} while only a later event of the window is known
 * @param endsAt       when the window ends by itself; {@code null} while the cut-over time is unknown
 * @param finalizedAt  when {@code run.finalized} closed it; {@code null} while it is open
 * @param finalization why it was closed; {@code null} while it is open
 * @param finalizedBy  who closed it; {@code null} while it is open
 * @param rolledBackAt when a rollback closed it; {@code null} unless a rollback was requested within it
 */
public record StabilizationWindow(@JsonFormat(shape = JsonFormat.Shape.STRING) Duration window,
                                  Instant cutoverAt, Instant endsAt, Instant finalizedAt,
                                  Finalization finalization, String finalizedBy, Instant rolledBackAt) {

    static StabilizationWindow opened(Duration window, Instant cutoverAt) {
        return new StabilizationWindow(window, cutoverAt, cutoverAt.plus(window), null, null, null, null);
    }

    /** A window known from an event that overtook its {@code cutover.ready}: when it began is not known yet. */
    static StabilizationWindow beforeCutoverKnown(Duration window) {
        return new StabilizationWindow(window, null, null, null, null, null, null);
    }

    /** The cut-over became known; the window it announces, when it does, is the one the run had. */
    StabilizationWindow cutOverAt(Instant at, Duration announced) {
        if (cutoverAt != null) {
            return this;
        }
        Duration length = announced != null ? announced : window;
        return new StabilizationWindow(length, at, at.plus(length), finalizedAt, finalization, finalizedBy, rolledBackAt);
    }

    StabilizationWindow finalized(Instant at, Finalization how, String by) {
        return new StabilizationWindow(window, cutoverAt, endsAt, at, how, by, rolledBackAt);
    }

    StabilizationWindow rolledBack(Instant at) {
        return new StabilizationWindow(window, cutoverAt, endsAt, finalizedAt, finalization, finalizedBy, at);
    }

    /** Whether the way back is still open. */
    public boolean isOpen() {
        return finalizedAt == null && rolledBackAt == null;
    }

    /** Whether {@code run.finalized} closed the window: from then on a rollback is refused. */
    public boolean isFinalized() {
        return finalizedAt != null;
    }

    /** Time left at {@code now}: zero once the window has passed or was closed. */
    public Duration remainingAt(Instant now) {
        if (!isOpen() || endsAt == null || !endsAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, endsAt);
    }
}
