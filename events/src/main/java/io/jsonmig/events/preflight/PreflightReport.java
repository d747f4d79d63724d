package io.jsonmig.events.preflight;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What one service answers to {@code POST /preflight} for a run's {@code RunSpec}: its checks, in the
 * order it made them. Nothing is created or changed to answer it. Not an event: it travels over HTTP
 * only, in {@code EventJson}'s JSON form.
 *
 * @param service the service that made the checks, e.g. {@code backup-service}
 */
public record PreflightReport(@JsonProperty(required = true) String service,
                              @JsonProperty(required = true) List<PreflightCheck> checks) {

    public PreflightReport {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    @JsonIgnore
    public boolean passed() {
        return checks.stream().allMatch(PreflightCheck::passed);
    }

    /** The check of that name, or null. */
    public PreflightCheck check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
