package io.jsonmig.events.payload;

import java.util.List;

/** The schema is applied and the snapshot's records are loaded. Triggers the verification. */
public record DataMigrated(RunSpec spec, SnapshotSummary snapshot, List<String> appliedMigrations,
                           List<TableLoad> tables, long totalRows, long durationMillis)
        implements EventPayload {

    @Override
    public String describe() {
        return "data migrated: " + appliedMigrations.size() + " schema migration(s), " + totalRows + " rows into "
                + tables.size() + " table(s) in " + durationMillis + " ms";
    }
}
