package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

/**
 * How far a phase is with one item (a collection or table). High volume, for progress bars only.
 *
 * @param total {@code -1} when unknown
 */
public record Progress(Phase phase, String item, long done, long total) implements EventPayload {

    @Override
    public String describe() {
        return phase.name().toLowerCase() + " " + item + ": " + done + (total >= 0 ? "/" + total : "");
    }
}
