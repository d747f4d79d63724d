package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a phase is with one item (a collection or table). High volume, for progress bars only.
 *
 * @param total      {@code -1} when unknown
 * @param bytes      bytes of the item's source read so far; {@code null} when the phase does not count them
 * @param rate       items done per second since the item started; {@code null} before there is a rate
 * @param etaSeconds seconds left at that rate; {@code null} when the total or the rate is unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(@JsonProperty(required = true) Phase phase,
                       @JsonProperty(required = true) String item,
                       @JsonProperty(required = true) long done,
                       long total,
                       Long bytes,
                       Double rate,
                       Long etaSeconds) implements EventPayload {

    /**
     * The item of the one BACKUP progress a scheduled run publishes while it waits for its maintenance
     * window: {@code done} 0, {@code total} the seconds until the window opens.
     */
    public static final String WAITING_FOR_WINDOW = "waiting-for-window";

    public Progress(Phase phase, String item, long done, long total) {
        this(phase, item, done, total, null, null, null);
    }

    /** Progress at a known rate (items per second), with the time left worked out from it. */
    public static Progress atRate(Phase phase, String item, long done, long total, long bytes, double rate) {
        if (!(rate > 0)) {
            return new Progress(phase, item, done, total, bytes, null, null);
        }
        Long eta = total >= done ? (long) Math.ceil((total - done) / rate) : null;
        return new Progress(phase, item, done, total, bytes, Math.round(rate * 10) / 10.0, eta);
    }

    @Override
    public String describe() {
        return phase.name().toLowerCase() + " " + item + ": " + done + (total >= 0 ? "/" + total : "")
                + (rate == null ? "" : String.format(java.util.Locale.ROOT, ", %.0f/s", rate))
                + (etaSeconds == null ? "" : ", " + etaSeconds + " s left");
    }
}
