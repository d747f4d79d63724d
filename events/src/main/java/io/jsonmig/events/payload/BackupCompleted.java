package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The snapshot is stored and verified. Triggers the migration. */
public record BackupCompleted(@JsonProperty(required = true) RunSpec spec,
                              @JsonProperty(required = true) SnapshotSummary snapshot) implements EventPayload {

    @Override
    public String describe() {
        return "backup completed: " + snapshot.files() + " file(s), " + snapshot.bytes() + " bytes, "
                + snapshot.totalRecords()
                + " records in " + snapshot.recordsPerCollection().size() + " collection(s), snapshot "
                + snapshot.location();
    }
}
