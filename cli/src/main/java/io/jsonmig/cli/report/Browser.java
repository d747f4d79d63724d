package io.jsonmig.cli.report;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in the user's browser: the program named by {@code BROWSER} (config key {@code browser}),
 * else {@code open} on macOS and {@code xdg-open} elsewhere. The URL is one argument, never passed to a shell.
 */
@ApplicationScoped
public class Browser {

    private static final long WAIT_SECONDS = 10;

    private final Optional<String> program;

    public Browser(@ConfigProperty(name = "browser") Optional<String> program) {
        this.program = program.map(String::strip).filter(p -> !p.isEmpty());
    }

    /** @return {@code null} when the page was handed to the browser, else why not */
    public String open(String url) {
        List<String> command = new ArrayList<>(List.of(program.orElse(
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? "open" : "xdg-open")
                .split("\\s+")));
        command.add(url);
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return null; // still starting the browser: it has the URL
            }
            return process.exitValue() == 0 ? null
                    : command.get(0) + " exited with " + process.exitValue() + " (set BROWSER to the program to use)";
        } catch (IOException e) {
            return "cannot run " + command.get(0) + " (" + e.getMessage() + "); set BROWSER to the program to use";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting " + command.get(0);
        }
    }
}
