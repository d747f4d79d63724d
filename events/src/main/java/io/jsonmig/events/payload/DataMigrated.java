package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The schema is applied and the snapshot's records are loaded. Triggers the verification. */
public record DataMigrated(@JsonProperty(required = true) RunSpec spec,
                           @JsonProperty(required = true) SnapshotSummary snapshot,
                           @JsonProperty(required = true) List<String> appliedMigrations,
                           @JsonProperty(required = true) List<TableLoad> tables,
                           @JsonProperty(required = true) long totalRows,
                           long durationMillis)
        implements EventPayload {

    @Override
    public String describe() {
        return "data migrated: " + appliedMigrations.size() + " schema migration(s), " + totalRows + " rows into "
                + tables.size() + " table(s) in " + durationMillis + " ms";
    }
}
