package io.jsonmig.events.state;

import io.jsonmig.events.Phase;

import java.time.Duration;
import java.time.Instant;

/** One phase of a run: its status, when it ran, and one line about its outcome. */
public record PhaseState(Phase phase, PhaseStatus status, Instant startedAt, Instant finishedAt, String detail) {

    static PhaseState pending(Phase phase) {
        return new PhaseState(phase, PhaseStatus.PENDING, null, null, null);
    }

    PhaseState start(Instant at) {
        return status == PhaseStatus.PENDING ? new PhaseState(phase, PhaseStatus.RUNNING, at, null, detail) : this;
    }

    PhaseState finish(PhaseStatus outcome, Instant at, String outcomeDetail) {
        if (status.isFinished()) {
            return this;
        }
        return new PhaseState(phase, outcome, startedAt == null ? at : startedAt, at, outcomeDetail);
    }

    /** How long the phase took; {@code null} while it has not finished. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
