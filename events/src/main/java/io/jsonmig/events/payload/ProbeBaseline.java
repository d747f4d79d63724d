package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * How one HTTP probe behaved before the cut-over, while the application still ran on its JSON files:
 * the figures its later checks are judged against. Latencies are of the calls that answered as
 * expected; without any such call there is no baseline, and {@code noBaseline} says why.
 *
 * @param probe      the probe's name
 * @param samples    calls made
 * @param errorRate  share of those calls that failed (wrong status or body, timeout, no connection), 0 to 1
 * @param p50Millis  median latency in milliseconds; {@code null} without a baseline
 * @param p95Millis  95th percentile; {@code null} without a baseline
 * @param p99Millis  99th percentile; {@code null} without a baseline
 * @param noBaseline why there is none, e.g. "unreachable: connection refused"; {@code null} when there is one
 */
public record ProbeBaseline(@JsonProperty(required = true) String probe,
                            @JsonProperty(required = true) int samples,
                            @JsonProperty(required = true) double errorRate,
                            Double p50Millis, Double p95Millis, Double p99Millis, String noBaseline) {

    public ProbeBaseline {
        if (probe == null || probe.isBlank()) {
            throw new IllegalArgumentException("a probe baseline names its probe");
        }
        if (samples < 0 || errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("probe " + probe + ": samples " + samples + " / error rate "
                    + errorRate + " out of range");
        }
        boolean figures = p50Millis != null && p95Millis != null && p99Millis != null;
        if (figures == (noBaseline != null)) {
            throw new IllegalArgumentException("probe " + probe
                    + ": a baseline has either its p50/p95/p99 or the reason it has none");
        }
    }

    public static ProbeBaseline measured(String probe, int samples, double errorRate,
                                         double p50Millis, double p95Millis, double p99Millis) {
        return new ProbeBaseline(probe, samples, errorRate, p50Millis, p95Millis, p99Millis, null);
    }

    public static ProbeBaseline none(String probe, int samples, String reason) {
        return new ProbeBaseline(probe, samples, samples == 0 ? 0 : 1, null, null, null, reason);
    }

    @JsonIgnore
    public boolean hasBaseline() {
        return noBaseline == null;
    }

    public String describe() {
        if (!hasBaseline()) {
            return probe + ": no baseline (" + noBaseline + ")";
        }
        return String.format(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.1f %% errors of %d",
                probe, p50Millis, p95Millis, p99Millis, errorRate * 100, samples);
    }
}
