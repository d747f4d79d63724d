package io.jsonmig.cli.start;

import io.jsonmig.events.payload.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator typed, checked before anything is published: the services would only report a
 * typo after a round trip. Paths on this machine must exist and become absolute real paths. Remote
 * paths (the services see another file system, e.g. in containers) are sent as given, and must only
 * be absolute.
 *
 * @param remotePaths the paths are the services' paths, not this machine's: not looked at here
 */
public record RunRequest(String source, String schema, String mapping, String targetProfile, boolean remotePaths) {

    /** Paths on this machine. */
    public RunRequest(String source, String schema, String mapping, String targetProfile) {
        this(source, schema, mapping, targetProfile, false);
    }

    /** The run's spec, or every problem found at once. */
    public RunSpec toSpec(String requestedBy) throws InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        String sourceDir = remotePaths ? remote("source directory (--source)", source, problems)
                : text(directory("source directory (--source)", source, problems));
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
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy);
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
