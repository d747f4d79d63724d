package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.StabilizationChecked;

import java.time.Instant;

/** One round of the watch as it was kept: when, and what it found. */
record Round(long number, Instant at, StabilizationChecked checked) {
}
