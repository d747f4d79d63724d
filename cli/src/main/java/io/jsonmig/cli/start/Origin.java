package io.jsonmig.cli.start;

import java.nio.file.Path;

/**
 * Where a setting was given: a flag, a key of the run file, or jsonmig's default. It says how a
 * problem with the value is reported, and what a relative path is relative to.
 */
public sealed interface Origin {

    /** A problem with the value, named by what it is: {@code source directory (--source) 'x' does not exist}. */
    String problem(String subject, String complaint);

    /** A problem with the value: {@code --max-reject-ratio 1.5 is not between 0 and 1}. */
    String problem(String complaint);

    /** The path {@code raw} means here. */
    Path resolve(String raw);

    /** How a message about this setting names {@code other}, given the same way. */
    String name(RunField other);

    /** Where the value came from, for {@code start --verbose}. */
    String describe();

    /** A flag on the command line: relative paths are relative to the working directory. */
    record Flag(RunField field) implements Origin {

        @Override
        public String problem(String subject, String complaint) {
            return subject + " (" + field.flag() + ") " + complaint;
        }

        @Override
        public String problem(String complaint) {
            return field.flag() + " " + complaint;
        }

        @Override
        public Path resolve(String raw) {
            return Path.of(raw);
        }

        @Override
        public String name(RunField other) {
            return other.flag();
        }

        @Override
        public String describe() {
            return field.flag();
        }
    }

    /**
     * A key of a run file, reported as compilers do ({@code migration.yaml:7:3: reject.maxRatio: ...}).
     * Relative paths are relative to the file's directory, as in docker-compose.
     *
     * @param file      the run file as the operator named it
     * @param directory the directory relative paths in it start from
     * @param line      1-based; 0 for a key that is missing
     * @param key       the key path, e.g. {@code smokeChecks[1].url}
     */
    record FileKey(String file, Path directory, int line, int column, String key) implements Origin {

        @Override
        public String problem(String subject, String complaint) {
            return where() + ": " + key + ": " + subject + " " + complaint;
        }

        @Override
        public String problem(String complaint) {
            return where() + ": " + key + ": " + complaint;
        }

        @Override
        public Path resolve(String raw) {
            return directory.resolve(raw);
        }

        @Override
        public String name(RunField other) {
            return other.key() + " (or " + other.flag() + ")";
        }

        @Override
        public String describe() {
            return where();
        }

        private String where() {
            return line > 0 ? file + ":" + line + ":" + column : file;
        }
    }

    /** Not given at all: jsonmig's default. */
    record Default(RunField field) implements Origin {

        @Override
        public String problem(String subject, String complaint) {
            return subject + " " + complaint;
        }

        @Override
        public String problem(String complaint) {
            return field.label() + " " + complaint;
        }

        @Override
        public Path resolve(String raw) {
            return Path.of(raw);
        }

        @Override
        public String name(RunField other) {
            return other.flag();
        }

        @Override
        public String describe() {
            return "default";
        }
    }
}
