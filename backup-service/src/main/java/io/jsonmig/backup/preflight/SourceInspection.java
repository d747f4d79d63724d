package io.jsonmig.backup.preflight;

import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.support.messaging.PhaseFailure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the source preflight found, question by question: can every file be read, is every file valid
 * JSON, is the source in the layout the run expects, can the snapshot root take the copy.
 *
 * @param refused        the source directory itself was refused (missing, outside the allowed roots):
 *                       nothing else of the source could be looked at
 * @param expectedLayout the layout the run names, or null
 * @param changed        files that changed while they were read (the application is writing)
 */
public record SourceInspection(Path directory, PhaseFailure refused, CheckedSource source, String expectedLayout,
                               List<String> unreadable, List<String> invalid, List<String> layout,
                               List<String> snapshotRoom, List<String> changed, Path snapshotRoot,
                               long freeSpaceMargin) {

    public static final String READABLE = PreflightChecks.SOURCE_READABLE;
    public static final String VALID = PreflightChecks.SOURCE_VALID;
    public static final String LAYOUT = PreflightChecks.SOURCE_LAYOUT;
    public static final String SPACE = PreflightChecks.BACKUP_SPACE;

    public SourceInspection {
        unreadable = List.copyOf(unreadable);
        invalid = List.copyOf(invalid);
        layout = List.copyOf(layout);
        snapshotRoom = List.copyOf(snapshotRoom);
        changed = List.copyOf(changed);
    }

    static SourceInspection refused(PhaseFailure refused) {
        return new SourceInspection(null, refused, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), null, 0);
    }

    /** Every problem, as the backup phase reports them. */
    public List<String> problems() {
        if (refused != null) {
            return refused.problems();
        }
        List<String> all = new ArrayList<>(unreadable);
        all.addAll(invalid);
        all.addAll(layout);
        all.addAll(snapshotRoom);
        return all;
    }

    /** The checklist: one check per question, each failing with its own problems only. */
    public List<PreflightCheck> checks() {
        List<PreflightCheck> checks = new ArrayList<>();
        if (refused != null) {
            checks.add(PreflightCheck.failed(READABLE, String.join("; ", refused.problems()),
                    "give an existing, readable directory under backup-service's JSONMIG_ALLOWED_ROOTS"));
            String because = "the source directory was refused";
            checks.add(PreflightCheck.notChecked(VALID, because));
            checks.add(PreflightCheck.notChecked(LAYOUT, because));
            checks.add(PreflightCheck.notChecked(SPACE, because + " (its size decides the space needed)"));
            return checks;
        }
        int files = source.source().files().size();
        checks.add(unreadable.isEmpty()
                ? PreflightCheck.passed(READABLE, files + " file" + (files == 1 ? "" : "s") + ", "
                        + ByteSizes.brief(source.totalBytes()) + " in " + directory)
                : PreflightCheck.failed(READABLE, String.join("; ", unreadable),
                        "make every source file a readable regular file inside the source directory (no link "
                                + "leading out of it), or name the files to take with --file"));
        checks.add(invalid.isEmpty()
                ? PreflightCheck.passed(VALID, records() + (changed.isEmpty() ? ""
                        : "; " + String.join("; ", changed) + " (the application is still writing)"))
                : PreflightCheck.failed(VALID, String.join("; ", invalid),
                        "correct the JSON at the place named (jsonmig never changes the source files)"));
        String found = source.source().layout() == null ? "none detected" : source.source().layout().label();
        checks.add(layout.isEmpty() && source.source().layout() != null
                ? PreflightCheck.passed(LAYOUT, found + (expectedLayout == null ? "" : ", as the run expects"))
                : layout.isEmpty()
                ? PreflightCheck.failed(LAYOUT, "no layout detected in " + directory
                        + " (see " + READABLE + " and " + VALID + ")", "keep one layout per source: one db.json, one array file per "
                        + "collection, or NDJSON files")
                : PreflightCheck.failed(LAYOUT, String.join("; ", layout),
                        "run with layout " + found + ", or point the source at the data in layout " + expectedLayout));
        checks.add(snapshotRoom.isEmpty()
                ? PreflightCheck.passed(SPACE, "snapshot root " + snapshotRoot + " writable, room for the source ("
                        + ByteSizes.brief(source.totalBytes()) + ") and the margin ("
                        + ByteSizes.brief(freeSpaceMargin) + ")")
                : PreflightCheck.failed(SPACE, String.join("; ", snapshotRoom),
                        "free space there, or point JSONMIG_SNAPSHOT_ROOT of backup-service at a writable directory "
                                + "with room (margin: JSONMIG_BACKUP_FREE_SPACE_MARGIN)"));
        return checks;
    }

    private String records() {
        Map<String, Long> counts = source.recordsPerCollection();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String each = counts.entrySet().stream().limit(10).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return total + " record" + (total == 1 ? "" : "s") + " in " + counts.size() + " collection"
                + (counts.size() == 1 ? "" : "s") + (counts.isEmpty() ? "" : " (" + each
                + (counts.size() > 10 ? ", …" : "") + ")") + ", every file valid JSON";
    }
}
