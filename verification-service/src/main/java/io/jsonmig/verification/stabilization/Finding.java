package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.RollbackTrigger;

/**
 * What a rule of the watch found in its rounds.
 *
 * @param trigger the rollback it calls for; {@code null} for an alert only (connections near their limit)
 * @param key     the rule and the probe, so that a finding seen in the round before is not told again
 * @param reason  the probe, the figures and the threshold
 */
record Finding(RollbackTrigger trigger, String key, String reason) {

    boolean rollsBack() {
        return trigger != null;
    }
}
