package io.jsonmig.support.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a path recorded in a manifest against a directory. A manifest is data read from disk, so
 * each path is checked again before anything is read or written through it.
 */
public final class ManifestPaths {

    private ManifestPaths() {
    }

    /**
     * The location of {@code relative} under {@code root}.
     *
     * @param root a real (symbolic-link free) directory
     * @throws IllegalArgumentException when the path is absolute, contains {@code ..} or {@code .},
     *                                  or leads outside {@code root} (also through a symbolic link)
     */
    public static Path resolveInside(Path root, String relative) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("manifest path is empty");
        }
        Path path;
        try {
            path = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("manifest path '" + relative + "' is not a valid path: "
                    + e.getReason());
        }
        if (path.isAbsolute()) {
            throw new IllegalArgumentException("manifest path '" + relative + "' is absolute: only paths relative"
                    + " to the snapshot's directories are used");
        }
        for (Path segment : path) {
            String name = segment.toString();
            if (name.equals("..") || name.equals(".")) {
                throw new IllegalArgumentException("manifest path '" + relative + "' contains '" + name
                        + "': only plain paths inside the snapshot's directories are used");
            }
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("manifest path '" + relative + "' leads outside " + root);
        }
        Path existing = nearestExisting(resolved);
        if (!realPath(existing, relative).startsWith(root)) {
            throw new IllegalArgumentException("manifest path '" + relative + "' leads outside " + root
                    + " through the symbolic link " + existing);
        }
        return resolved;
    }

    private static Path nearestExisting(Path path) {
        Path current = path;
        while (current != null && !Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            current = current.getParent();
        }
        return current;
    }

    private static Path realPath(Path path, String relative) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            // a dangling symbolic link: it points nowhere jsonmig may write
            throw new IllegalArgumentException("manifest path '" + relative + "' cannot be resolved at " + path
                    + ": " + e.getMessage());
        }
    }
}
