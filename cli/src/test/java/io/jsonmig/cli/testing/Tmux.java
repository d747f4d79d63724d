package io.jsonmig.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of a test's own (its socket in the test's directory): a real pseudo-terminal of a
 * known size that runs a command, whose screen the test reads back as text. The pane stays after
 * the command exits ({@code remain-on-exit}), so the final screen can be read too.
 */
public final class Tmux implements AutoCloseable {

    private final Path socket;
    private final Path config;

    public Tmux(Path directory) throws IOException {
        this.socket = directory.resolve("tmux.sock");
        this.config = Files.writeString(directory.resolve("tmux.conf"), "set-option -g remain-on-exit on\n");
    }

    /** Whether tmux can be run here. */
    public static boolean installed() {
        try {
            Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code script} with {@code sh} in a detached session of {@code columns} × {@code rows}. */
    public void start(String session, int columns, int rows, Path script) throws IOException, InterruptedException {
        tmux("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "sh " + script);
    }

    /** The pane's visible screen, one line per row (trailing blanks trimmed by tmux). */
    public String capture(String session) throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(socket)) {
            tmux("kill-server");
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-S", socket.toString(), "-f", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // UTF-8 in and out of the pane, whatever the machine's locale
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("LC_ALL");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
