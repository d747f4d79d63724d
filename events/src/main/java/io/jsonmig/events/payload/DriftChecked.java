package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The live JSON files compared with a snapshot. A cut-over must be refused unless {@code clean}:
 * the application wrote after the backup, and those writes are not in the target.
 *
 * @param files the files that drifted; empty when clean
 */
public record DriftChecked(String snapshotId, String sourceDir, @JsonProperty(required = true) boolean clean,
                           List<FileDrift> files) implements EventPayload {

    public DriftChecked {
        files = files == null ? List.of() : List.copyOf(files);
    }

    @Override
    public String describe() {
        if (clean) {
            return "no drift: the JSON files in " + sourceDir + " match snapshot " + snapshotId;
        }
        return "DRIFT: " + files.size() + " JSON file(s) in " + sourceDir + " differ from snapshot " + snapshotId + ": "
                + String.join(", ", files.stream().map(f -> f.path() + " " + f.change()).toList());
    }
}
