package io.jsonmig.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code setsid}: runs a program in a session of its own, so that it outlives its caller and neither
 * the terminal's Ctrl-C nor its hang-up reaches it. It runs the program directly (no fork) because a
 * child of the JVM never leads a process group: the pid of the started process is the program's.
 */
public final class Setsid {

    private static final List<String> DIRECTORIES = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private Setsid() {
    }

    /** The path of the {@code setsid} executable; an {@link IllegalStateException} saying what to install if none. */
    public static String path() {
        for (String dir : DIRECTORIES) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("setsid not found in " + String.join(", ", DIRECTORIES)
                + ": it is needed to run processes detached from the terminal (package util-linux)");
    }
}
