package io.jsonmig.cli.stack;

import java.nio.file.Path;

/**
 * One line of the stack's table.
 *
 * @param pid     {@code -1} when the stack does not run it
 * @param healthy the broker accepts connections / the service reports ready
 */
public record ComponentStatus(String name, long pid, String address, String state, boolean healthy, Path log) {

    static ComponentStatus running(String name, long pid, String address, boolean healthy, Path log) {
        return new ComponentStatus(name, pid, address, healthy ? "ready" : "NOT READY", healthy, log);
    }

    static ComponentStatus stopped(String name, String address, ManagedProcess.State state, Path log) {
        String shown = switch (state) {
            case STALE -> "stale pid";
            case UNVERIFIED -> "unverified pid";
            case NOT_STARTED, RUNNING -> "stopped";
        };
        return new ComponentStatus(name, -1, address, shown, false, log);
    }

    /** Something this stack did not start (another broker, a remote cluster); {@code healthy} when it answers. */
    static ComponentStatus external(String name, String address, boolean answers) {
        return new ComponentStatus(name, -1, address, answers ? "external" : "external DOWN", answers, null);
    }
}
