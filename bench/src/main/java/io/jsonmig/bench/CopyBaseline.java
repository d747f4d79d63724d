package io.jsonmig.bench;

import io.jsonmig.testing.TestFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor the backup is compared with: {@code cp -r} of the source directory to a fresh directory
 * on the same file system, then {@code sha256sum} of the source files, each timed as a process.
 */
final class CopyBaseline {

    /** Wall times of the two commands, in nanoseconds. */
    record Timing(long copyNanos, long hashNanos) {
        long totalNanos() {
            return copyNanos + hashNanos;
        }
    }

    private CopyBaseline() {
    }

    /**
     * Warms the page cache with one read of the files, then times the copy and the hashing; removes the
     * copy (its dirty pages go with it instead of being written back during the next measurement).
     */
    static Timing measure(Path sourceDir, List<Path> files, Path copyDir) {
        PageCache.warm(files);
        try {
            long copy = run(List.of("cp", "-r", sourceDir.toString(), copyDir.toString()));
            List<String> hash = new ArrayList<>(List.of("sha256sum"));
            files.forEach(f -> hash.add(f.toString()));
            return new Timing(copy, run(hash));
        } finally {
            TestFiles.deleteTree(copyDir);
        }
    }

    private static long run(List<String> command) {
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command.get(0) + " exited with code " + exit);
            }
            return System.nanoTime() - start;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
