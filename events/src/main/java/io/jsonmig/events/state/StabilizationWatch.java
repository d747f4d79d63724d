package io.jsonmig.events.state;

import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.ProbeResult;

import java.time.Instant;
import java.util.List;

/**
 * What the probes of a run have shown: the baseline taken before the cut-over and the latest round of
 * checks in the window. Each part is the one that occurred last; an older event arriving late changes
 * nothing.
 *
 * @param baselinedAt when the baseline was taken; {@code null} before {@code stabilization.baselined}
 * @param baseline    per HTTP probe, its figures or why it has none
 * @param checkedAt   when the latest check ran; {@code null} before the first {@code stabilization.checked}
 * @param latest      each probe's result in that check
 * @param database    the target's health in that check; {@code null} when unknown
 */
public record StabilizationWatch(Instant baselinedAt, List<ProbeBaseline> baseline, Instant checkedAt,
                                 List<ProbeResult> latest, DatabaseHealth database) {

    static final StabilizationWatch EMPTY = new StabilizationWatch(null, List.of(), null, List.of(), null);

    public StabilizationWatch {
        baseline = baseline == null ? List.of() : List.copyOf(baseline);
        latest = latest == null ? List.of() : List.copyOf(latest);
    }

    StabilizationWatch baselined(Instant at, List<ProbeBaseline> figures) {
        if (baselinedAt != null && at.isBefore(baselinedAt)) {
            return this;
        }
        return new StabilizationWatch(at, figures, checkedAt, latest, database);
    }

    StabilizationWatch checked(Instant at, List<ProbeResult> results, DatabaseHealth health) {
        if (checkedAt != null && at.isBefore(checkedAt)) {
            return this;
        }
        return new StabilizationWatch(baselinedAt, baseline, at, results, health);
    }
}
