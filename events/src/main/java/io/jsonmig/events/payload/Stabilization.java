package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What happens after the cut-over: for {@code window} the run is STABILIZING — the application runs on
 * PostgreSQL, and a rollback carries every write made there back into the JSON files — then
 * {@code run.finalized} ends it. A zero window ends the run at the cut-over. During the window the
 * probes run every {@code interval} and are judged against a baseline taken before the cut-over.
 *
 * <p>A {@link RunSpec} without it has no window (what producers before the window did); the CLI asks
 * for {@link #DEFAULT_WINDOW} unless told otherwise. Every component but {@code window} may be absent
 * from the JSON and then takes its default, so a spec written before the probes existed reads the same.
 *
 * @param window     how long after {@code cutover.ready} the way back stays open (ISO-8601, e.g. {@code PT72H})
 * @param probes     the checks run during the window; {@code null} means the run's smoke checks, an empty
 *                   list none
 * @param interval   how often the probes run; {@code null} means {@link #DEFAULT_INTERVAL}
 * @param baseline   how the baseline is taken before the cut-over; {@code null} means the defaults
 * @param rollbackOn when the watch acts on its own; {@code null} means the defaults
 * @param mode       what it does then; {@code null} means {@link StabilizationMode#ROLLBACK}
 */
public record Stabilization(@JsonProperty(required = true) @JsonFormat(shape = JsonFormat.Shape.STRING)
                            Duration window,
                            List<SmokeCheck> probes,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration interval,
                            BaselineSettings baseline,
                            RollbackOn rollbackOn,
                            StabilizationMode mode) {

    /** The window a run gets when the operator does not choose one. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(72);
    /** A longer window is almost certainly a typo (days taken for hours, say). */
    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** A probe more often than this is load, not a check. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
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
        probes = probes == null ? null : List.copyOf(probes);
        if (probes != null) {
            Set<String> names = new HashSet<>();
            for (SmokeCheck probe : probes) {
                if (!names.add(probe.name())) {
                    throw new IllegalArgumentException("stabilization probe " + probe.name() + " is named twice");
                }
            }
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("stabilization interval " + interval + " must be "
                    + MIN_INTERVAL.toSeconds() + "s to " + MAX_INTERVAL.toMinutes() + " minutes");
        }
        baseline = baseline == null ? BaselineSettings.DEFAULTS : baseline;
        rollbackOn = rollbackOn == null ? RollbackOn.DEFAULTS : rollbackOn;
        mode = mode == null ? StabilizationMode.ROLLBACK : mode;
    }

    /** A window with the run's smoke checks as probes and every other setting at its default. */
    public Stabilization(Duration window) {
        this(window, null, null, null, null, null);
    }

    public static Stabilization of(Duration window) {
        return new Stabilization(window);
    }

    public Stabilization withProbes(List<SmokeCheck> newProbes) {
        return new Stabilization(window, newProbes, interval, baseline, rollbackOn, mode);
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

    /** The probes of a run whose smoke checks are {@code smokeChecks}: its own, or those checks. */
    public List<SmokeCheck> effectiveProbes(List<SmokeCheck> smokeChecks) {
        return probes != null ? probes : smokeChecks == null ? List.of() : smokeChecks;
    }
}
