package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens after the cut-over: for {@code window} the run is STABILIZING — the application runs on
 * PostgreSQL, and a rollback carries every write made there back into the JSON files — then
 * {@code run.finalized} ends it. A zero window ends the run at the cut-over.
 *
 * <p>A {@link RunSpec} without it has no window (what producers before the window did); the CLI asks
 * for {@link #DEFAULT_WINDOW} unless told otherwise.
 *
 * @param window how long after {@code cutover.ready} the way back stays open (ISO-8601, e.g. {@code PT72H})
 */
public record Stabilization(@JsonProperty(required = true) @JsonFormat(shape = JsonFormat.Shape.STRING)
                            Duration window) {

    /** The window a run gets when the operator does not choose one. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(72);
    /** A longer window is almost certainly a typo (days taken for hours, say). */
    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    /** No window: the run is COMPLETED at the cut-over. */
    public static final Stabilization NONE = new Stabilization(Duration.ZERO);

    public Stabilization {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("stabilization window must not be negative, got " + window);
        }
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("stabilization window " + window + " is longer than "
                    + MAX_WINDOW.toDays() + " days");
        }
    }

    public static Stabilization of(Duration window) {
        return new Stabilization(window);
    }

    /** Whether the run stays open for a rollback after its cut-over. */
    @JsonIgnore
    public boolean hasWindow() {
        return !window.isZero();
    }

    /** When the window of a run cut over at {@code cutoverAt} ends. */
    public Instant endsAt(Instant cutoverAt) {
        return cutoverAt.plus(window);
    }
}
