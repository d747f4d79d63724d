package io.jsonmig.e2e.chaos;

import java.time.Duration;

/** A fault as it struck: when (from the run's start), where the run was then, and what it did. */
record FiredFault(Fault fault, Duration at, String where, String outcome) {

    String describe() {
        return fault.describe() + " — struck at +" + RunObserver.seconds(at) + " (" + where + "): " + outcome;
    }
}
