package io.jsonmig.backup.restore;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * What a restore found and did, per file of the snapshot.
 *
 * @param files one entry per manifest file, in manifest order
 */
public record RestoreReport(String snapshotId, String location, String sourceDir, List<FileRestore> files) {

    public enum Outcome {
        /** the live file already matched the snapshot; not touched */
        UNCHANGED,
        /** the live file was missing and was written from the snapshot */
        RESTORED_MISSING,
        /** the live file differed; it was kept as a conflict copy and replaced from the snapshot */
        RESTORED_CHANGED,
        /** the live file was as expected before (the cut-over's bytes) and was replaced from the snapshot */
        REPLACED,
        /** the file could not be restored; {@code error} says why */
        FAILED
    }

    /**
     * @param conflictCopy where the changed live file was kept; only for {@link Outcome#RESTORED_CHANGED}
     * @param error        why the file could not be restored; only for {@link Outcome#FAILED}
     */
    public record FileRestore(String path, Outcome outcome, String conflictCopy, String error) {

        String line(String snapshotId) {
            return switch (outcome) {
                case UNCHANGED -> path + ": matches the backup, left as it was";
                case RESTORED_MISSING -> path + ": was missing, restored from snapshot " + snapshotId;
                case RESTORED_CHANGED -> path + ": differed from the backup, restored from snapshot " + snapshotId
                        + "; the changed file is kept as " + conflictCopy;
                case REPLACED -> path + ": was as at the cut-over, replaced from snapshot " + snapshotId;
                case FAILED -> path + ": NOT restored: " + error;
            };
        }
    }

    public RestoreReport {
        files = List.copyOf(files);
    }

    @JsonProperty
    public long unchanged() {
        return count(Outcome.UNCHANGED);
    }

    @JsonProperty
    public long restoredMissing() {
        return count(Outcome.RESTORED_MISSING);
    }

    @JsonProperty
    public long restoredChanged() {
        return count(Outcome.RESTORED_CHANGED);
    }

    @JsonProperty
    public long replaced() {
        return count(Outcome.REPLACED);
    }

    @JsonProperty
    public long failed() {
        return count(Outcome.FAILED);
    }

    /** Every live file now matches the snapshot. */
    @JsonProperty
    public boolean succeeded() {
        return failed() == 0;
    }

    /** One line per file, then a summary line: the actions of a rollback step. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (unchanged() == files.size()) {
            lines.add("all " + files.size() + " JSON file(s) in " + sourceDir + " match the backup " + location
                    + "; nothing to restore");
            return lines;
        }
        files.forEach(f -> lines.add(f.line(snapshotId)));
        lines.add(String.format("%d JSON file(s) in %s: %d unchanged, %d restored (missing), %d restored (changed, "
                        + "conflict copy kept), %s%d NOT restored; snapshot %s", files.size(), sourceDir, unchanged(),
                restoredMissing(), restoredChanged(), replaced() == 0 ? "" : replaced() + " replaced, ", failed(),
                location));
        return lines;
    }

    private long count(Outcome outcome) {
        return files.stream().filter(f -> f.outcome() == outcome).count();
    }
}
