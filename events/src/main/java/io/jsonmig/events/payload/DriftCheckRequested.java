package io.jsonmig.events.payload;

/**
 * Asks backup-service whether the live JSON files still match a snapshot, e.g. before a cut-over.
 *
 * @param snapshotId  the snapshot to compare with; {@code null} takes the run's latest snapshot
 * @param requestedBy who asked (user name or service), for the timeline
 */
public record DriftCheckRequested(String snapshotId, String requestedBy) implements EventPayload {

    @Override
    public String describe() {
        return "drift check requested" + (snapshotId == null ? "" : " against snapshot " + snapshotId)
                + (requestedBy == null ? "" : " by " + requestedBy);
    }
}
