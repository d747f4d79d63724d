package io.jsonmig.bench.migration;

/** Rows loaded and the wall time it took, in nanoseconds. */
record LoadTiming(long rows, long nanos) {

    double seconds() {
        return nanos / 1e9;
    }

    double rowsPerSecond() {
        return rows / seconds();
    }
}
