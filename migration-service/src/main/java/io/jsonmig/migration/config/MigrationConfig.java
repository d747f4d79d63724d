package io.jsonmig.migration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "jsonmig.migration")
public interface MigrationConfig {

    /** Rows between two progress events of a table; every table also gets one when it is complete. */
    @WithDefault("10000")
    long progressEvery();

    /** Longest time between two progress events of a table while it loads, however slowly. */
    @WithDefault("5s")
    Duration progressInterval();

    /**
     * Records per chunk: each chunk commits with its checkpoint, so a restarted load goes on from the
     * last one committed. Bigger chunks commit less often (each commit costs the load a pause while
     * PostgreSQL checks the chunk's foreign keys); a crash repeats at most one.
     */
    @WithDefault("100000")
    int chunkRecords();

    /**
     * A chunk also ends once this many bytes of JSON are read, so records of any size keep memory
     * bounded: a chunk's JSON stays in memory until it commits.
     */
    @WithDefault("16777216")
    long chunkBytes();

    /**
     * Loads the empty tables the run's schema migrations created without their keys, indexes and
     * foreign keys, and builds them after each table's load: an index built in one sort and a foreign
     * key validated in one query instead of per row. Rejects stay the same (see DeferredConstraints).
     */
    @WithDefault("true")
    boolean deferConstraints();
}
