package io.jsonmig.support.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON files of one source directory, how they are laid out, and how to read their bytes: live
 * files and plain snapshots as they are, encoded snapshots through their decoder.
 */
public record SourceSet(Path root, SourceLayout layout, List<Path> files, FileOpener opener,
                        Map<String, Long> collectionOffsets) {

    /** Opens one of the files for reading its plain (decoded) bytes. */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open(Path file) throws IOException;
    }

    /** Files read as they are on disk. */
    public static final FileOpener PLAIN_FILES = Files::newInputStream;

    /**
     * @param collectionOffsets where each collection's array begins in a db.json (decoded bytes), as
     *                          {@link JsonRecords#index} found them; empty when not known
     */
    public SourceSet {
        files = List.copyOf(files);
        opener = opener == null ? PLAIN_FILES : opener;
        collectionOffsets = Map.copyOf(collectionOffsets);
    }

    public SourceSet(Path root, SourceLayout layout, List<Path> files, FileOpener opener) {
        this(root, layout, files, opener, Map.of());
    }

    /** Plain files, read as they are. */
    public SourceSet(Path root, SourceLayout layout, List<Path> files) {
        this(root, layout, files, PLAIN_FILES);
    }

    /** The same files, knowing where each collection of their db.json begins. */
    public SourceSet withCollectionOffsets(Map<String, Long> offsets) {
        return new SourceSet(root, layout, files, opener, offsets);
    }

    /** The plain bytes of one of the files. */
    public InputStream open(Path file) throws IOException {
        return opener.open(file);
    }

    /** The same files found under another directory, read the same way. */
    public SourceSet relocate(Path newRoot) {
        return new SourceSet(newRoot, layout, files.stream().map(f -> newRoot.resolve(root.relativize(f))).toList(),
                opener, collectionOffsets);
    }

    public String relativeName(Path file) {
        return root.relativize(file).toString();
    }
}
