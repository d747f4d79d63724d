package io.jsonmig.events.state;

import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;

import java.time.Instant;
import java.util.List;

/**
 * The latest comparison of the live JSON files with the run's snapshot. It never changes the run's
 * status; a drift that is not clean is a warning that a cut-over must be refused.
 *
 * @param checkedAt when the comparison happened
 * @param files     the files that drifted; empty when clean
 */
public record DriftCheck(Instant checkedAt, String snapshotId, String sourceDir, boolean clean,
                         List<FileDrift> files) {

    public DriftCheck {
        files = files == null ? List.of() : List.copyOf(files);
    }

    static DriftCheck of(Instant checkedAt, DriftChecked checked) {
        return new DriftCheck(checkedAt, checked.snapshotId(), checked.sourceDir(), checked.clean(), checked.files());
    }

    /** What an operator must be told, or {@code null} when the files still match the snapshot. */
    String warning() {
        if (clean) {
            return null;
        }
        return "the JSON files in " + sourceDir + " changed after snapshot " + snapshotId + " ("
                + String.join(", ", files.stream().map(f -> f.path() + " " + f.change()).toList())
                + "): those writes are not in the target, refuse the cut-over";
    }
}
