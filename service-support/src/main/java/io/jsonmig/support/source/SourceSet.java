package io.jsonmig.support.source;

import java.nio.file.Path;
import java.util.List;

/** The JSON files of one source directory and how they are laid out. */
public record SourceSet(Path root, SourceLayout layout, List<Path> files) {

    public SourceSet {
        files = List.copyOf(files);
    }

    /** The same files found under another directory, e.g. a snapshot of this source. */
    public SourceSet relocate(Path newRoot) {
        return new SourceSet(newRoot, layout, files.stream().map(f -> newRoot.resolve(root.relativize(f))).toList());
    }

    public String relativeName(Path file) {
        return root.relativize(file).toString();
    }
}
