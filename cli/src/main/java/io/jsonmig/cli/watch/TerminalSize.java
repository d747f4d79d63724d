package io.jsonmig.cli.watch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The terminal's columns and rows. {@code COLUMNS} and {@code LINES} win when they are set (shells
 * rarely export them); otherwise the controlling terminal is asked ({@code stty size < /dev/tty});
 * otherwise 80 × 24.
 */
record TerminalSize(int columns, int rows) {

    static final TerminalSize DEFAULT = new TerminalSize(80, 24);

    static TerminalSize detect(Map<String, String> env) {
        return of(env, TerminalSize::askTerminal);
    }

    static TerminalSize of(Map<String, String> env, Supplier<Optional<TerminalSize>> terminal) {
        Integer columns = positive(env.get("COLUMNS"));
        Integer rows = positive(env.get("LINES"));
        if (columns != null && rows != null) {
            return new TerminalSize(columns, rows);
        }
        TerminalSize asked = terminal.get().orElse(DEFAULT);
        return new TerminalSize(columns != null ? columns : asked.columns(), rows != null ? rows : asked.rows());
    }

    private static Integer positive(String value) {
        if (value == null || !value.trim().matches("\\d{1,5}")) {
            return null;
        }
        int n = Integer.parseInt(value.trim());
        return n > 0 ? n : null;
    }

    /** {@code stty size} of the controlling terminal: "rows columns"; empty when there is none. */
    private static Optional<TerminalSize> askTerminal() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return Optional.empty();
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroyForcibly();
                return Optional.empty();
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            Integer rows = size.length == 2 ? positive(size[0]) : null;
            Integer columns = size.length == 2 ? positive(size[1]) : null;
            return rows == null || columns == null ? Optional.empty() : Optional.of(new TerminalSize(columns, rows));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
