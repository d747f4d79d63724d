package io.jsonmig.cli.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * Stops processes of the stack: SIGTERM to all of them at once, then SIGKILL to those still alive
 * after the timeout. Only a process whose command line is still ours is signalled. The pid files of
 * stopped processes and stale ones are removed, so stopping twice is harmless; the pid file of a live
 * process whose command line cannot be read is kept, and the process is left alone.
 */
public final class ProcessStopper {

    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private final Duration timeout;
    private final LongFunction<String> commandLines;

    public ProcessStopper(Duration timeout) {
        this(timeout, ManagedProcess::commandLine);
    }

    /** @param commandLines the command line of a pid, {@code null} when it cannot be read */
    ProcessStopper(Duration timeout, LongFunction<String> commandLines) {
        this.timeout = timeout;
        this.commandLines = commandLines;
    }

    /** @return whether every process is gone */
    public boolean stop(List<ManagedProcess> processes, PrintWriter out) {
        boolean allGone = true;
        Map<ManagedProcess, ProcessHandle> signalled = new LinkedHashMap<>();
        for (ManagedProcess process : processes) {
            ManagedProcess.Check check = process.check(commandLines);
            switch (check.state()) {
                case NOT_STARTED -> out.printf("  %-22s not running%n", process.name());
                case STALE -> {
                    out.printf("  %-22s not running (stale pid file %s removed%s)%n", process.name(),
                            process.pidFile(), check.pid() > 0 ? ": pid " + check.pid() + " is gone or not ours" : "");
                    process.removePidFile();
                }
                case UNVERIFIED -> {
                    out.printf("  %-22s NOT STOPPED: pid %d is alive but its command line cannot be read, so it is "
                            + "not signalled; pid file %s kept. Check the process and stop it yourself.%n",
                            process.name(), check.pid(), process.pidFile());
                    allGone = false;
                }
                case RUNNING -> {
                    check.handle().destroy();
                    signalled.put(process, check.handle());
                }
            }
        }
        Instant deadline = Instant.now().plus(timeout);
        for (Map.Entry<ManagedProcess, ProcessHandle> entry : signalled.entrySet()) {
            ManagedProcess process = entry.getKey();
            ProcessHandle handle = entry.getValue();
            if (awaitExit(handle, Duration.between(Instant.now(), deadline))) {
                out.printf("  %-22s stopped (pid %d, SIGTERM)%n", process.name(), handle.pid());
            } else {
                handle.destroyForcibly();
                boolean gone = awaitExit(handle, AFTER_KILL);
                out.printf("  %-22s %s (pid %d, SIGKILL after %ds)%n", process.name(), gone ? "killed" : "STILL RUNNING",
                        handle.pid(), timeout.toSeconds());
                if (!gone) {
                    allGone = false;
                    continue;
                }
            }
            process.removePidFile();
        }
        out.flush();
        return allGone;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration wait) {
        if (!handle.isAlive()) {
            return true;
        }
        if (wait.isNegative() || wait.isZero()) {
            return false;
        }
        try {
            handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
