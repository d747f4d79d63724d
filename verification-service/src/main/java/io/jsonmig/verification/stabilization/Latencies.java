package io.jsonmig.verification.stabilization;

import java.util.Collection;
import java.util.List;

/** Percentiles of latencies, by nearest rank: a figure that some call really took, never an interpolation. */
final class Latencies {

    private Latencies() {
    }

    /** @param percentile 0 (exclusive) to 100 */
    static double percentile(Collection<Double> millis, double percentile) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no latencies to take a percentile of");
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
