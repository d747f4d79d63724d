package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stabilization window is over: the run is COMPLETED for good, and the way back to the JSON files
 * is closed ({@code rollback} and {@code abort} refuse it from now on). Published once per attempt: the
 * id is the same whoever publishes it, so an operator's finalize and the window's end never both count.
 *
 * @param finalization why the window ended
 * @param requestedBy  who ended it: the operator, or the service that kept the window
 * @param note         why, in the operator's words; may be absent
 */
public record RunFinalized(@JsonProperty(required = true) Finalization finalization,
                           @JsonProperty(required = true) String requestedBy,
                           String note) implements EventPayload {

    @Override
    public String describe() {
        return switch (finalization) {
            case WINDOW_ELAPSED -> "run finalized: the stabilization window passed without a rollback";
            case OPERATOR -> "run finalized early by " + requestedBy + (note == null || note.isBlank() ? "" : ": " + note);
        };
    }
}
