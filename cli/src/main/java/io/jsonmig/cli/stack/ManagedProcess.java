package io.jsonmig.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A process the stack started, known by its pid file. A pid is trusted only while the process's
 * command line still holds every marker (its jar, or the broker's class and configuration file):
 * after a reboot or a crash the pid may belong to anything, and that must never be signalled.
 */
public record ManagedProcess(String name, Path pidFile, List<String> markers) {

    public enum State {
        /** No pid file. */
        NOT_STARTED,
        /** A pid file whose process is gone or is something else now. */
        STALE,
        /** A pid file whose process is alive but whose command line cannot be read: it may be ours. */
        UNVERIFIED,
        RUNNING
    }

    public record Check(State state, long pid, ProcessHandle handle) {
    }

    public Check check() {
        return check(ManagedProcess::commandLine);
    }

    /** @param commandLines the command line of a pid, {@code null} when it cannot be read */
    Check check(LongFunction<String> commandLines) {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return new Check(Files.exists(pidFile) ? State.STALE : State.NOT_STARTED, -1, null);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return new Check(State.STALE, pid.get(), null);
        }
        String commandLine = commandLines.apply(pid.get());
        if (commandLine == null) {
            return new Check(State.UNVERIFIED, pid.get(), null);
        }
        if (!isOurs(commandLine)) {
            return new Check(State.STALE, pid.get(), null);
        }
        return new Check(State.RUNNING, pid.get(), handle.get());
    }

    public Optional<ProcessHandle> running() {
        return Optional.ofNullable(check().handle());
    }

    public void writePid(long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + pidFile, e);
        }
    }

    public void removePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove pid file " + pidFile, e);
        }
    }

    private boolean isOurs(String commandLine) {
        return markers.stream().allMatch(commandLine::contains);
    }

    /**
     * The process's arguments joined by spaces, from {@code /proc/<pid>/cmdline}; {@code null} if unreadable.
     * Not {@code ProcessHandle.info().commandLine()} first: on Linux the JDK cuts it at 4096 characters
     * (measured), and a marker such as the broker's {@code kafka.Kafka} can come after a longer class path.
     */
    static String commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.exists(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException e) {
            return null;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse(null);
    }

    private Optional<Long> readPid() {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
