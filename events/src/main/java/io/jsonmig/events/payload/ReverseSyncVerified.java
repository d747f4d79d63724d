package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * verification-service compared the reverse sync's export with the fenced tables, row by row, and
 * every check agreed: backup-service may restore the live JSON files from it. A disagreement is never
 * this event but a failed {@link RollbackStepCompleted} of verification-service: the files stay as
 * they are.
 *
 * @param snapshot       the verified export
 * @param checks         the checks per collection, as for the forward verification
 * @param reportLocation the report (same format and HTML page as the forward verification's)
 * @param collections    the export's figures, repeated for the swap and the summary
 */
public record ReverseSyncVerified(@JsonProperty(required = true) RunSpec spec,
                                  @JsonProperty(required = true) SnapshotSummary snapshot,
                                  @JsonProperty(required = true) List<CollectionCheck> checks,
                                  String reportLocation,
                                  List<CollectionSync> collections) implements EventPayload {

    public ReverseSyncVerified {
        checks = List.copyOf(checks);
        collections = collections == null ? List.of() : List.copyOf(collections);
    }

    @Override
    public String describe() {
        return "reverse sync verified: " + checks.size() + " check(s) agree between the export "
                + snapshot.snapshotId() + " and the fenced tables";
    }
}
