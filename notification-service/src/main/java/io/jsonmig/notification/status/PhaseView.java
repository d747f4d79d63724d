package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;

import java.time.Instant;

/** One phase as the page shows it, with its duration written out. */
public record PhaseView(Phase phase, PhaseStatus status, Instant startedAt, Instant finishedAt, String duration,
                        String detail) {

    static PhaseView of(PhaseState state) {
        return new PhaseView(state.phase(), state.status(), state.startedAt(), state.finishedAt(),
                StatusFormat.text(state.duration()), state.detail());
    }
}
