package io.jsonmig.notification.plan;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.RunState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How far the current phase of a run is, from its latest progress per item, and when it should end
 * at the pace so far.
 *
 * @param percent {@code -1} when no item of the phase reported a total yet
 * @param eta     {@code null} when unknown
 */
public record RunProgress(Phase phase, int percent, Instant eta) {

    public static RunProgress of(RunState state) {
        Phase phase = state.phase();
        if (phase == null) {
            return new RunProgress(null, -1, null);
        }
        long done = 0;
        long total = 0;
        for (Map.Entry<String, Progress> entry : state.progress().entrySet()) {
            Progress p = entry.getValue();
            if (p.phase() == phase && p.total() > 0 && !Progress.WAITING_FOR_WINDOW.equals(p.item())) {
                done += Math.min(p.done(), p.total());
                total += p.total();
            }
        }
        if (total == 0) {
            return new RunProgress(phase, -1, null);
        }
        double fraction = (double) done / total;
        Instant started = phaseStart(state, phase);
        Instant eta = null;
        if (fraction > 0 && started != null && state.updatedAt() != null && state.updatedAt().isAfter(started)) {
            long elapsedMillis = Duration.between(started, state.updatedAt()).toMillis();
            eta = started.plusMillis(Math.round(elapsedMillis / fraction));
        }
        return new RunProgress(phase, (int) Math.floor(fraction * 100), eta);
    }

    /** When a phase really began: a scheduled run's backup only when its window opened. */
    static Instant phaseStart(RunState state, Phase phase) {
        PhaseState ps = state.phase(phase);
        Instant started = ps == null ? null : ps.startedAt();
        MaintenanceWindow window = state.spec() == null ? null : state.spec().maintenanceWindow();
        if (started != null && window != null && window.scheduledAt().isAfter(started)) {
            return window.scheduledAt();
        }
        return started;
    }

    public String percentText() {
        return percent < 0 ? "unknown" : percent + "%";
    }
}
