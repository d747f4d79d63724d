package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * One probe run once during the stabilization window.
 *
 * @param probe         the probe's name
 * @param passed        whether it answered as expected
 * @param latencyMillis how long it took; {@code null} when it did not answer (timeout, no connection)
 * @param detail        what was wrong when it failed (status, missing text, the SQL value); may be absent
 */
public record ProbeResult(@JsonProperty(required = true) String probe, @JsonProperty(required = true) boolean passed,
                          Double latencyMillis, String detail) {

    public ProbeResult {
        if (probe == null || probe.isBlank()) {
            throw new IllegalArgumentException("a probe result names its probe");
        }
    }

    public String describe() {
        String took = latencyMillis == null ? "" : String.format(Locale.ROOT, " in %.1f ms", latencyMillis);
        return probe + (passed ? " passed" : " FAILED") + took + (detail == null ? "" : " (" + detail + ")");
    }
}
