package io.jsonmig.cli.start;

import java.util.List;

/**
 * A run file as read: the settings it gives (relative paths still relative to its directory) and
 * every problem found in it, each as {@code file:line:column: key: what is wrong}.
 *
 * @param name     the file as the operator named it
 * @param settings {@code null} when the file could not be read or parsed at all
 */
public record RunFile(String name, RunSettings settings, List<String> problems) {

    public RunFile {
        problems = List.copyOf(problems);
    }

    public boolean readable() {
        return settings != null;
    }
}
