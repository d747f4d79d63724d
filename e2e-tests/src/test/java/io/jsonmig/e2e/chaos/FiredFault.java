package io.jsonmig.e2e.chaos;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A fault as it struck: when (from the run's start), where the run was then, what it did at once,
 * and what followed in the background (a killed service's restart; empty for the other kinds).
 */
record FiredFault(Fault fault, Duration at, String where, String outcome, CompletableFuture<String> followUp) {

    String describe() {
        String after = followUp.getNow("still restarting");
        return fault.describe() + " — struck at +" + RunObserver.seconds(at) + " (" + where + "): " + outcome
                + (after.isEmpty() ? "" : ", " + after);
    }
}
