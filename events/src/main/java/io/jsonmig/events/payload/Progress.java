package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a phase is with one item (a collection or table). High volume, for progress bars only.
 *
 * @param total {@code -1} when unknown
 */
public record Progress(@JsonProperty(required = true) Phase phase,
                       @JsonProperty(required = true) String item,
                       @JsonProperty(required = true) long done,
                       long total) implements EventPayload {

    /**
     * The item of the one BACKUP progress a scheduled run publishes while it waits for its maintenance
     * window: {@code done} 0, {@code total} the seconds until the window opens.
     */
    public static final String WAITING_FOR_WINDOW = "waiting-for-window";

    @Override
    public String describe() {
        return phase.name().toLowerCase() + " " + item + ": " + done + (total >= 0 ? "/" + total : "");
    }
}
