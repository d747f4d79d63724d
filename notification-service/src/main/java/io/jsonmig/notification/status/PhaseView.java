package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunStatus;

import java.time.Instant;

/** One phase as the page shows it: its name and badge in words, its duration written out. */
public record PhaseView(Phase phase, String name, PhaseStatus status, StatusWords.Badge badge, Instant startedAt,
                        Instant finishedAt, String duration, String detail) {

    static PhaseView of(PhaseState state, RunStatus run) {
        return new PhaseView(state.phase(), StatusWords.name(state.phase()), state.status(),
                StatusWords.of(state.phase(), state.status(), run), state.startedAt(), state.finishedAt(),
                StatusFormat.text(state.duration()), state.detail());
    }
}
