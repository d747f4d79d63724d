package io.jsonmig.cli.start;

import io.jsonmig.events.payload.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * What the operator typed, checked before anything is published: the services would only report a
 * typo after a round trip. Paths on this machine must exist and become absolute real paths. Remote
 * paths (the services see another file system, e.g. in containers) are sent as given, and must only
 * be absolute.
 *
 * @param remotePaths the paths are the services' paths, not this machine's: not looked at here
 * @param files       the source's JSON files to migrate, relative to {@code source}; empty takes every one
 */
public record RunRequest(String source, String schema, String mapping, String targetProfile, boolean remotePaths,
                         List<String> files) {

    public RunRequest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Every JSON file of the source directory. */
    public RunRequest(String source, String schema, String mapping, String targetProfile, boolean remotePaths) {
        this(source, schema, mapping, targetProfile, remotePaths, List.of());
    }

    /** Paths on this machine, every JSON file of the source directory. */
    public RunRequest(String source, String schema, String mapping, String targetProfile) {
        this(source, schema, mapping, targetProfile, false);
    }

    /** The run's spec, or every problem found at once. */
    public RunSpec toSpec(String requestedBy) throws InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        Path localSource = remotePaths ? null : directory("source directory (--source)", source, problems);
        String sourceDir = remotePaths ? remote("source directory (--source)", source, problems) : text(localSource);
        List<String> sourceFiles = sourceFiles(localSource, problems);
        String schemaDir = remotePaths ? remote("schema directory (--schema)", schema, problems)
                : text(directory("schema directory (--schema)", schema, problems));
        String mappingFile = mapping == null ? null : remotePaths ? remote("mapping file (--mapping)", mapping, problems)
                : text(file("mapping file (--mapping)", mapping, problems));
        try {
            RunSpec.requireValidProfile(targetProfile);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (--target)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles);
    }

    /**
     * The {@code --file}s, normalized: each relative, without {@code ..}, named once, and (on this
     * machine) a regular file whose real path lies inside the source directory.
     */
    private List<String> sourceFiles(Path sourceDir, List<String> problems) {
        List<String> normalized = new ArrayList<>();
        for (String raw : files) {
            String what = "source file (--file) '" + raw + "'";
            Path path;
            try {
                path = Path.of(raw);
            } catch (InvalidPathException e) {
                problems.add(what + " is not a valid path: " + e.getReason());
                continue;
            }
            if (raw.isBlank()) {
                problems.add("source file (--file) is empty");
            } else if (path.isAbsolute()) {
                problems.add(what + " is absolute; give it relative to the source directory (--source)");
            } else if (StreamSupport.stream(path.spliterator(), false).anyMatch(part -> part.toString().equals(".."))) {
                problems.add(what + " contains '..'; it must lie inside the source directory (--source)");
            } else if (normalized.contains(path.normalize().toString())) {
                problems.add(what + " is given twice");
            } else if (sourceDir == null || insideSource(sourceDir, path, what, problems)) {
                normalized.add(path.normalize().toString());
            }
        }
        return normalized;
    }

    private static boolean insideSource(Path sourceDir, Path relative, String what, List<String> problems) {
        Path file = sourceDir.resolve(relative);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(what + " does not exist in the source directory " + sourceDir);
            return false;
        }
        try {
            if (!file.toRealPath().startsWith(sourceDir)) {
                problems.add(what + " leads outside the source directory " + sourceDir + " (to " + file.toRealPath()
                        + ")");
                return false;
            }
        } catch (IOException e) {
            problems.add(what + " cannot be resolved: " + e.getMessage());
            return false;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(what + " is not a regular file");
            return false;
        }
        return true;
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    /** A path on the services' side: absolute, otherwise sent exactly as typed. */
    private static String remote(String what, String raw, List<String> problems) {
        try {
            if (Path.of(raw).isAbsolute()) {
                return raw;
            }
            problems.add(what + " '" + raw + "' is not absolute: with --remote-paths the services get the path as "
                    + "given, and they have no working directory of yours");
        } catch (InvalidPathException e) {
            problems.add(what + " '" + raw + "' is not a valid path: " + e.getReason());
        }
        return null;
    }

    private static Path directory(String what, String raw, List<String> problems) {
        Path path = existing(what, raw, problems);
        if (path != null && !Files.isDirectory(path)) {
            problems.add(what + " '" + raw + "' is not a directory");
            return null;
        }
        return path;
    }

    private static Path file(String what, String raw, List<String> problems) {
        Path path = existing(what, raw, problems);
        if (path != null && !Files.isRegularFile(path)) {
            problems.add(what + " '" + raw + "' is not a regular file");
            return null;
        }
        if (path != null && !Files.isReadable(path)) {
            problems.add(what + " '" + raw + "' is not readable");
            return null;
        }
        return path;
    }

    private static Path existing(String what, String raw, List<String> problems) {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            problems.add(what + " '" + raw + "' is not a valid path: " + e.getReason());
            return null;
        }
        if (!Files.exists(path)) {
            problems.add(what + " '" + raw + "' does not exist (resolved to " + path.toAbsolutePath().normalize() + ")");
            return null;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            problems.add(what + " '" + raw + "' cannot be resolved: " + e.getMessage());
            return null;
        }
    }

    /** Every problem of a request, one line each. */
    public static final class InvalidRunRequestException extends Exception {
        private final List<String> problems;

        InvalidRunRequestException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
