package io.jsonmig.events.payload;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The baseline of a run's HTTP probes, taken before the cut-over while the application still ran on
 * its JSON files. Informational: it never moves the run's status; the stabilization watch judges its
 * checks against it.
 *
 * @param probes one entry per HTTP probe, with its figures or the reason it has none
 */
public record StabilizationBaselined(List<ProbeBaseline> probes) implements EventPayload {

    public StabilizationBaselined {
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    @Override
    public String describe() {
        if (probes.isEmpty()) {
            return "baseline: no HTTP probes";
        }
        return "baseline before the cut-over: " + probes.stream().map(ProbeBaseline::describe)
                .collect(Collectors.joining("; "));
    }
}
