package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Something the stabilization watch saw that operators must look at, told once, at the round it first
 * appeared: a trigger that fired in {@link StabilizationMode#ALERT} (no rollback, the operators decide),
 * or connections near their limit (an alert in either mode).
 *
 * @param trigger the rollback trigger it would have fired; {@code null} for one that never rolls back
 *                (connections above {@link RollbackOn#connectionsShare()})
 * @param reason  what was seen: the probe, the figures and the threshold
 */
public record StabilizationAlert(RollbackTrigger trigger, @JsonProperty(required = true) String reason) {

    public StabilizationAlert {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a stabilization alert says what was seen");
        }
    }

    public String describe() {
        return (trigger == null ? "" : trigger.name().toLowerCase() + ": ") + reason;
    }
}
