package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backup snapshot as a source of records: what the migration loads and the verification counts,
 * so both read exactly what was backed up, decoded as the snapshot's storage says.
 */
@ApplicationScoped
public class SnapshotFiles {

    private final AllowedPaths paths;
    private final SnapshotCodec codec;

    public SnapshotFiles(AllowedPaths paths, SnapshotCodec codec) {
        this.paths = paths;
        this.codec = codec;
    }

    /**
     * The snapshot's stored files ({@link SnapshotSummary#filesDirectory()}, which must lie under the
     * allowed roots), every file at any depth in path order, hidden ones skipped, in the layout the
     * backup detected. Their records come out of {@code JsonRecords} decoded; a file that cannot be
     * decoded fails the read naming the file and the reason.
     */
    public SourceSet source(SnapshotSummary snapshot) {
        Path dir = paths.directory(snapshot.filesDirectory().toString(),
                "files directory of snapshot " + snapshot.snapshotId());
        SourceLayout layout = layoutOf(snapshot);
        List<Path> files = storedFiles(dir);
        if (files.isEmpty()) {
            throw new PhaseFailure("snapshot " + snapshot.snapshotId() + " holds no files in " + dir);
        }
        if (files.size() != snapshot.files()) {
            throw new PhaseFailure("snapshot " + snapshot.snapshotId() + " holds " + files.size() + " file(s) in "
                    + dir + ", but the backup stored " + snapshot.files());
        }
        SnapshotStorage storage = snapshot.storage();
        // where the backup found each collection of a db.json: a reader of one collection starts there
        return new SourceSet(dir, layout, files, file -> codec.open(file, storage),
                snapshot.collectionOffsets() == null ? Map.of() : snapshot.collectionOffsets());
    }

    /**
     * Where each collection of a plain db.json snapshot begins and how many records it holds, as its
     * backup noted them, so that a reader need not count the snapshot in a pass of its own:
     * backup-service counted it while it was the live file and checked the stored copy against its
     * SHA-256 before announcing it; a reader then checks each collection's count as it reads it. Empty
     * for the other layouts, for a backup that noted no offsets, and for a compressed or encrypted
     * snapshot, which its readers count in full first, so that a copy that cannot be decoded fails
     * before anything else. The counts are in file order.
     */
    public static Optional<JsonRecords.SourceIndex> indexNotedByBackup(SnapshotSummary snapshot) {
        Map<String, Long> counts = snapshot.recordsPerCollection();
        Map<String, Long> offsets = snapshot.collectionOffsets();
        if (!SourceLayout.DB_JSON.label().equals(snapshot.layout()) || counts == null || offsets == null
                || !offsets.keySet().equals(counts.keySet()) || snapshot.storage().compressed()
                || snapshot.storage().encrypted()) {
            return Optional.empty();
        }
        Map<String, Long> inFileOrder = new LinkedHashMap<>();
        offsets.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> inFileOrder.put(e.getKey(), counts.get(e.getKey())));
        return Optional.of(new JsonRecords.SourceIndex(inFileOrder, offsets));
    }

    private static SourceLayout layoutOf(SnapshotSummary snapshot) {
        return Arrays.stream(SourceLayout.values())
                .filter(l -> l.label().equals(snapshot.layout()))
                .findFirst()
                .orElseThrow(() -> new PhaseFailure("snapshot " + snapshot.snapshotId() + " has layout '"
                        + snapshot.layout() + "'; expected one of "
                        + Arrays.stream(SourceLayout.values()).map(SourceLayout::label).toList()));
    }

    private static List<Path> storedFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Path root = dir.toRealPath();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(root) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attrs.isRegularFile() || !file.toRealPath().startsWith(root)) {
                        throw new PhaseFailure("snapshot file " + file + " is not a regular file inside " + root
                                + (attrs.isSymbolicLink() ? " (a symbolic link to "
                                + Files.readSymbolicLink(file) + ")" : ""));
                    }
                    files.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PhaseFailure("cannot list snapshot files in " + dir + ": " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
