package io.jsonmig.events.payload;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One round of the stabilization watch: every probe once, and the target database's health.
 * Informational: it never moves the run's status (a trigger that fires publishes its own
 * {@code rollback.requested}).
 *
 * @param probes   each probe's result
 * @param database the target's health; {@code null} when it could not be read
 * @param alerts   what operators must look at, each once, at the round it first appeared (see
 *                 {@link StabilizationAlert}); empty in most rounds
 */
public record StabilizationChecked(List<ProbeResult> probes, DatabaseHealth database, List<StabilizationAlert> alerts)
        implements EventPayload {

    public StabilizationChecked {
        probes = probes == null ? List.of() : List.copyOf(probes);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** A round without alerts. */
    public StabilizationChecked(List<ProbeResult> probes, DatabaseHealth database) {
        this(probes, database, List.of());
    }

    /**
     * Every probe passed and nothing to alert: such a round only updates the run's watch, and is not written
     * into its timeline (a 72h window checked every 30s would add 8,640 entries).
     */
    public boolean routine() {
        return alerts.isEmpty() && probes.stream().allMatch(ProbeResult::passed);
    }

    @Override
    public String describe() {
        long failed = probes.stream().filter(p -> !p.passed()).count();
        String head = failed == 0 ? probes.size() + " probe(s) passed"
                : failed + " of " + probes.size() + " probe(s) FAILED: " + probes.stream().filter(p -> !p.passed())
                        .map(ProbeResult::describe).collect(Collectors.joining("; "));
        return "stabilization check: " + head + (database == null ? "" : "; " + database.describe())
                + (alerts.isEmpty() ? "" : "; ALERT: " + alerts.stream().map(StabilizationAlert::describe)
                        .collect(Collectors.joining("; ")));
    }
}
