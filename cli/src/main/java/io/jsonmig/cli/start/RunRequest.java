package io.jsonmig.cli.start;

import io.jsonmig.events.payload.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator typed, checked on this machine before anything is published: the services run
 * elsewhere and would only report a typo after a round trip. Paths become absolute real paths.
 */
public record RunRequest(String source, String schema, String mapping, String targetProfile) {

    /** The run's spec, or every problem found at once. */
    public RunSpec toSpec(String requestedBy) throws InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        Path sourceDir = directory("source directory (--source)", source, problems);
        Path schemaDir = directory("schema directory (--schema)", schema, problems);
        Path mappingFile = mapping == null ? null : file("mapping file (--mapping)", mapping, problems);
        try {
            RunSpec.requireValidProfile(targetProfile);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (--target)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunRequestException(problems);
        }
        return new RunSpec(sourceDir.toString(), schemaDir.toString(),
                mappingFile == null ? null : mappingFile.toString(), targetProfile, requestedBy);
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
