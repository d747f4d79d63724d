package io.jsonmig.backup.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import java.io.IOException;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Checks a run's source before anything is written, and reports every problem at once: the directory
 * and each file stay inside the allowed roots, the layout (the one the run expects, when it names one),
 * every file is valid UTF-8 JSON (checked by the streaming parser, errors naming file, line and column),
 * and the snapshot root is writable with room for it. The backup phase fails on any problem
 * ({@link #check}); {@code POST /preflight} reports each question's answer ({@link #inspect}).
 * The same pass hashes each file (beside the parse) and counts its records, so the snapshot needs neither again.
 */
public final class SourcePreflight {

    static final int BUFFER_SIZE = 1024 * 1024;

    private final AllowedPaths paths;
    private final Path snapshotRoot;
    private final long freeSpaceMargin;
    private final ExecutorService hasher;

    /** @param hasher runs the hash of each file while the parser reads it */
    public SourcePreflight(AllowedPaths paths, Path snapshotRoot, long freeSpaceMargin, ExecutorService hasher) {
        this.paths = paths;
        this.snapshotRoot = snapshotRoot;
        this.freeSpaceMargin = freeSpaceMargin;
        this.hasher = hasher;
    }

    /**
     * @throws PhaseFailure   listing every problem found
     * @throws SourceChanged  when the only trouble is a file that changed while it was read
     */
    public CheckedSource check(RunSpec spec) {
        SourceInspection inspection = inspect(spec);
        if (inspection.refused() != null) {
            throw inspection.refused();
        }
        List<String> problems = inspection.problems();
        if (!problems.isEmpty()) {
            throw new PhaseFailure("source preflight of " + inspection.directory() + " found " + problems.size()
                    + " problem(s), nothing was written: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems);
        }
        if (!inspection.changed().isEmpty()) {
            throw new SourceChanged(inspection.changed());
        }
        return inspection.source();
    }

    /**
     * Reads the whole source as {@link #check} does and answers each question on its own, writing nothing:
     * what {@code POST /preflight} reports, and what {@link #check} fails with.
     */
    public SourceInspection inspect(RunSpec spec) {
        Path dir;
        try {
            dir = paths.directory(spec.sourceDir(), "source directory");
        } catch (PhaseFailure refused) {
            return SourceInspection.refused(refused);
        }
        SourceScanner.Scan scan = SourceScanner.scan(dir, spec.sourceFiles());
        // a file read whose top level holds no records is invalid, not unreadable
        List<String> unreadable = new ArrayList<>(scan.problems());
        unreadable.removeAll(scan.notRecords());
        List<String> invalid = new ArrayList<>(scan.notRecords());
        List<String> changed = new ArrayList<>();
        Map<Path, FileFingerprint> fingerprints = new LinkedHashMap<>();
        Map<String, Long> records = new LinkedHashMap<>();
        Map<String, Path> collectionFiles = new LinkedHashMap<>();
        Map<String, Long> offsets = new LinkedHashMap<>();
        long totalBytes = 0;
        for (Path file : scan.files()) {
            FileFingerprint before;
            try {
                before = FileFingerprint.stat(file);
            } catch (IOException e) {
                unreadable.add("source file " + file + " cannot be read: " + e.getMessage());
                continue;
            }
            totalBytes += before.size();
            // Hashing runs beside the parse, on the other core: the parse is the slower of the two.
            Future<PrefixHash> hashing = hasher.submit(() -> PrefixHash.of(file, before.size()));
            try {
                BoundedInputStream[] parsed = new BoundedInputStream[1];
                JsonRecords.SourceIndex index = JsonRecords.index(new SourceSet(scan.root(), scan.layout(), List.of(file),
                        f -> new BufferedInputStream(parsed[0] = new BoundedInputStream(Files.newInputStream(f), before.size()),
                                BUFFER_SIZE)));
                PrefixHash hash = hashOf(hashing);
                FileFingerprint read = before.withSha256(hash.sha256());
                if (parsed[0].bytes() != before.size() || hash.bytes() != before.size()
                        || !before.sameStat(FileFingerprint.stat(file))) {
                    changed.add("source file " + file + " changed while it was read");
                    continue;
                }
                fingerprints.put(file, read);
                if (scan.layout() == SourceLayout.DB_JSON) {
                    offsets.putAll(index.offsets());
                }
                for (Map.Entry<String, Long> collection : index.counts().entrySet()) {
                    Path other = collectionFiles.putIfAbsent(collection.getKey(), file);
                    if (other != null && scan.layout() != SourceLayout.DB_JSON) {
                        invalid.add("collection '" + collection.getKey() + "' comes from two files: " + other
                                + " and " + file);
                    }
                    records.put(collection.getKey(), collection.getValue());
                }
            } catch (PhaseFailure parseFailure) {
                hashing.cancel(true);
                if (changedSince(file, before)) {
                    changed.add("source file " + file + " changed while it was read");
                } else {
                    invalid.addAll(parseFailure.problems());
                }
            } catch (IOException e) {
                hashing.cancel(true);
                unreadable.add("source file " + file + " cannot be read: " + e.getMessage());
            }
        }
        List<String> layout = new ArrayList<>();
        if (spec.layout() != null && scan.layout() != null && !scan.layout().label().equals(spec.layout())) {
            layout.add("source directory " + dir + " is in layout " + scan.layout().label() + ", but the run expects "
                    + spec.layout());
        }
        CheckedSource source = new CheckedSource(new SourceSet(scan.root(), scan.layout(), scan.files()), fingerprints,
                records, offsets, totalBytes);
        return new SourceInspection(dir, null, source, spec.layout(), unreadable, invalid, layout,
                snapshotRoomProblems(totalBytes), changed, snapshotRoot, freeSpaceMargin);
    }

    private static PrefixHash hashOf(Future<PrefixHash> hashing) throws IOException {
        try {
            return hashing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        }
    }

    private static boolean changedSince(Path file, FileFingerprint before) {
        try {
            return !before.sameStat(FileFingerprint.stat(file));
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the snapshot root can take a copy of {@code sourceBytes}: writable, with the margin to spare. */
    private List<String> snapshotRoomProblems(long sourceBytes) {
        List<String> problems = new ArrayList<>();
        Path existing = snapshotRoot.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            problems.add("snapshot root " + snapshotRoot + " has no existing parent directory");
            return problems;
        }
        if (!Files.isDirectory(existing)) {
            problems.add("snapshot root " + snapshotRoot + " cannot be written: " + existing + " is not a directory");
            return problems;
        }
        if (!Files.isWritable(existing)) {
            problems.add("snapshot root " + snapshotRoot + " cannot be written: " + existing + " is not writable");
            return problems;
        }
        long usable;
        try {
            usable = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            problems.add("cannot read the free space at snapshot root " + snapshotRoot + ": " + e.getMessage());
            return problems;
        }
        long needed = sourceBytes + freeSpaceMargin;
        if (needed < 0 || usable < needed) {
            problems.add("not enough free space at snapshot root " + snapshotRoot + ": " + ByteSizes.describe(usable)
                    + " available, " + ByteSizes.describe(needed) + " needed (source " + ByteSizes.describe(sourceBytes)
                    + " + margin " + ByteSizes.describe(freeSpaceMargin) + ", jsonmig.backup.free-space-margin)");
        }
        return problems;
    }
}
