package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The schema is applied and the snapshot's records are loaded. Triggers the verification.
 *
 * @param rejectsLocation the directory holding the run's reject files ({@code <collection>.rejects.ndjson});
 *                        {@code null} when no record was rejected
 */
public record DataMigrated(@JsonProperty(required = true) RunSpec spec,
                           @JsonProperty(required = true) SnapshotSummary snapshot,
                           @JsonProperty(required = true) List<String> appliedMigrations,
                           @JsonProperty(required = true) List<TableLoad> tables,
                           @JsonProperty(required = true) long totalRows,
                           long durationMillis,
                           String rejectsLocation)
        implements EventPayload {

    /** A load without rejects. */
    public DataMigrated(RunSpec spec, SnapshotSummary snapshot, List<String> appliedMigrations, List<TableLoad> tables,
                        long totalRows, long durationMillis) {
        this(spec, snapshot, appliedMigrations, tables, totalRows, durationMillis, null);
    }

    /** Records rejected over every table. */
    public long totalRejected() {
        return tables.stream().mapToLong(TableLoad::rejected).sum();
    }

    @Override
    public String describe() {
        return "data migrated: " + appliedMigrations.size() + " schema migration(s), " + totalRows + " rows into "
                + tables.size() + " table(s) in " + durationMillis + " ms"
                + (totalRejected() == 0 ? "" : ", " + totalRejected() + " record(s) rejected (" + rejectsLocation + ")");
    }
}
