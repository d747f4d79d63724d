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
 * The paths and profile of a run as given, checked before anything is published: the services would
 * only report a typo after a round trip. Paths on this machine must exist and become absolute real
 * paths (a relative one is relative to where it was given: the working directory for a flag, the run
 * file's directory for a key of it). Remote paths (the services see another file system, e.g. in
 * containers) are sent as given, and must only be absolute. Each problem names where the value was given.
 *
 * @param remotePaths the paths are the services' paths, not this machine's: not looked at here
 * @param files       the source's JSON files to migrate, relative to {@code source}; empty takes every one
 */
public record RunRequest(Setting<String> source, Setting<String> schema, Setting<String> mapping,
                         Setting<String> targetProfile, boolean remotePaths, List<Setting<String>> files) {

    /** The target profile of a run that names none. */
    public static final String DEFAULT_TARGET_PROFILE = "local";
    private static final String FILE_SUBJECT = "source file";

    public RunRequest {
        files = files == null ? List.of() : List.copyOf(files);
        if (targetProfile == null) {
            targetProfile = new Setting<>(DEFAULT_TARGET_PROFILE, new Origin.Default(RunField.TARGET));
        }
    }

    /** Values typed as flags. */
    public RunRequest(String source, String schema, String mapping, String targetProfile, boolean remotePaths,
                      List<String> files) {
        this(Setting.flag(RunField.SOURCE, source), Setting.flag(RunField.SCHEMA, schema),
                Setting.flag(RunField.MAPPING, mapping), Setting.flag(RunField.TARGET, targetProfile), remotePaths,
                files == null ? List.of() : files.stream().map(f -> Setting.flag(RunField.FILES, f)).toList());
    }

    /** Paths on this machine, every JSON file of the source directory. */
    public RunRequest(String source, String schema, String mapping, String targetProfile) {
        this(source, schema, mapping, targetProfile, false, List.of());
    }

    /**
     * The run's spec, or every problem found at once. A missing source or schema, or an unreadable
     * setting, fails it without a problem of its own: the caller reports it.
     */
    public RunSpec toSpec(String requestedBy) throws InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        Path localSource = remotePaths ? null : directory(RunField.SOURCE, source, problems);
        String sourceDir = remotePaths ? remote(RunField.SOURCE, source, problems) : text(localSource);
        List<String> sourceFiles = sourceFiles(localSource, problems);
        String schemaDir = remotePaths ? remote(RunField.SCHEMA, schema, problems)
                : text(directory(RunField.SCHEMA, schema, problems));
        String mappingFile = mapping == null ? null : remotePaths ? remote(RunField.MAPPING, mapping, problems)
                : text(file(mapping, problems));
        if (targetProfile.readable()) {
            try {
                RunSpec.requireValidProfile(targetProfile.value());
            } catch (IllegalArgumentException e) {
                problems.add(targetProfile.origin().problem(RunField.TARGET.label(), "'" + targetProfile.value()
                        + "' is not valid: expected a lower-case name of letters, digits and '_' (e.g. local, staging)"));
            }
        }
        boolean unreadable = !readable(source) || !readable(schema) || mapping != null && !mapping.readable()
                || !targetProfile.readable() || files.stream().anyMatch(file -> !file.readable());
        if (!problems.isEmpty() || unreadable) {
            throw new InvalidRunRequestException(problems);
        }
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile.value(), requestedBy, sourceFiles);
    }

    /**
     * The source files, normalized: each relative, without {@code ..}, named once, and (on this
     * machine) a regular file whose real path lies inside the source directory.
     */
    private List<String> sourceFiles(Path sourceDir, List<String> problems) {
        List<String> normalized = new ArrayList<>();
        for (Setting<String> file : files) {
            if (!file.readable()) {
                continue;
            }
            String raw = file.value();
            Origin origin = file.origin();
            String quoted = "'" + raw + "'";
            Path path;
            try {
                path = Path.of(raw);
            } catch (InvalidPathException e) {
                problems.add(origin.problem(FILE_SUBJECT, quoted + " is not a valid path: " + e.getReason()));
                continue;
            }
            if (raw.isBlank()) {
                problems.add(origin.problem(FILE_SUBJECT, "is empty"));
            } else if (path.isAbsolute()) {
                problems.add(origin.problem(FILE_SUBJECT, quoted + " is absolute; give it relative to the source directory"));
            } else if (StreamSupport.stream(path.spliterator(), false).anyMatch(part -> part.toString().equals(".."))) {
                problems.add(origin.problem(FILE_SUBJECT, quoted + " contains '..'; it must lie inside the source directory"));
            } else if (normalized.contains(path.normalize().toString())) {
                problems.add(origin.problem(FILE_SUBJECT, quoted + " is given twice"));
            } else if (sourceDir == null || insideSource(sourceDir, path, file, problems)) {
                normalized.add(path.normalize().toString());
            }
        }
        return normalized;
    }

    private static boolean insideSource(Path sourceDir, Path relative, Setting<String> given, List<String> problems) {
        String quoted = "'" + given.value() + "'";
        Path file = sourceDir.resolve(relative);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(given.origin().problem(FILE_SUBJECT, quoted + " does not exist in the source directory " + sourceDir));
            return false;
        }
        try {
            if (!file.toRealPath().startsWith(sourceDir)) {
                problems.add(given.origin().problem(FILE_SUBJECT, quoted + " leads outside the source directory " + sourceDir
                        + " (to " + file.toRealPath() + ")"));
                return false;
            }
        } catch (IOException e) {
            problems.add(given.origin().problem(FILE_SUBJECT, quoted + " cannot be resolved: " + e.getMessage()));
            return false;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(given.origin().problem(FILE_SUBJECT, quoted + " is not a regular file"));
            return false;
        }
        return true;
    }

    private static boolean readable(Setting<?> setting) {
        return setting != null && setting.readable();
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    /** A path on the services' side: absolute, otherwise sent exactly as typed. */
    private static String remote(RunField field, Setting<String> given, List<String> problems) {
        if (!readable(given)) {
            return null;
        }
        String quoted = "'" + given.value() + "'";
        try {
            if (Path.of(given.value()).isAbsolute()) {
                return given.value();
            }
            problems.add(given.origin().problem(field.label(), quoted + " is not absolute: with remote paths the "
                    + "services get the path as given, and they have no working directory of yours"));
        } catch (InvalidPathException e) {
            problems.add(given.origin().problem(field.label(), quoted + " is not a valid path: " + e.getReason()));
        }
        return null;
    }

    private static Path directory(RunField field, Setting<String> given, List<String> problems) {
        Path path = existing(field, given, problems);
        if (path != null && !Files.isDirectory(path)) {
            problems.add(given.origin().problem(field.label(), "'" + given.value() + "' is not a directory"));
            return null;
        }
        return path;
    }

    private static Path file(Setting<String> given, List<String> problems) {
        Path path = existing(RunField.MAPPING, given, problems);
        String quoted = "'" + given.value() + "'";
        if (path != null && !Files.isRegularFile(path)) {
            problems.add(given.origin().problem(RunField.MAPPING.label(), quoted + " is not a regular file"));
            return null;
        }
        if (path != null && !Files.isReadable(path)) {
            problems.add(given.origin().problem(RunField.MAPPING.label(), quoted + " is not readable"));
            return null;
        }
        return path;
    }

    private static Path existing(RunField field, Setting<String> given, List<String> problems) {
        if (!readable(given)) {
            return null;
        }
        String quoted = "'" + given.value() + "'";
        Path path;
        try {
            path = given.origin().resolve(given.value());
        } catch (InvalidPathException e) {
            problems.add(given.origin().problem(field.label(), quoted + " is not a valid path: " + e.getReason()));
            return null;
        }
        if (!Files.exists(path)) {
            problems.add(given.origin().problem(field.label(), quoted + " does not exist (resolved to "
                    + path.toAbsolutePath().normalize() + ")"));
            return null;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            problems.add(given.origin().problem(field.label(), quoted + " cannot be resolved: " + e.getMessage()));
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
