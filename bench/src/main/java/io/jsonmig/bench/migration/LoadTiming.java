package io.jsonmig.bench.migration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows loaded and the wall time it took, in nanoseconds.
 *
 * @param tables the same per table, in load order, where the load measured them; else empty
 */
record LoadTiming(long rows, long nanos, Map<String, LoadTiming> tables) {

    LoadTiming {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    LoadTiming(long rows, long nanos) {
        this(rows, nanos, Map.of());
    }

    double seconds() {
        return nanos / 1e9;
    }

    double rowsPerSecond() {
        return rows / seconds();
    }
}
