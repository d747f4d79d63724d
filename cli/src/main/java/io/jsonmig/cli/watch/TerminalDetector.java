package io.jsonmig.cli.watch;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Decides how {@code watch} shows a run: a live screen when stdout is a terminal that understands
 * cursor movement, plain lines otherwise (pipes, files, CI logs, {@code TERM=dumb}), NDJSON on request.
 * The options win over what is detected.
 */
final class TerminalDetector {

    /** What the command line asked for. */
    enum Requested { AUTO, LIVE, PLAIN, JSON }

    enum Mode { LIVE, PLAIN, JSON }

    /** How to show the run; {@code colour} and {@code glyphs} matter for the live screen only. */
    record Choice(Mode mode, boolean colour, ProgressBar.Glyphs glyphs) {
    }

    private TerminalDetector() {
    }

    static Choice choose(Requested requested, boolean noColour, boolean stdoutIsTerminal, Map<String, String> env,
                         Charset stdoutCharset) {
        Mode mode = switch (requested) {
            case LIVE -> Mode.LIVE;
            case PLAIN -> Mode.PLAIN;
            case JSON -> Mode.JSON;
            case AUTO -> stdoutIsTerminal && cursorCapable(env.get("TERM")) ? Mode.LIVE : Mode.PLAIN;
        };
        // https://no-color.org: present and not empty
        boolean colourWanted = !noColour && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());
        ProgressBar.Glyphs glyphs = stdoutCharset.newEncoder().canEncode("█░▏…")
                ? ProgressBar.Glyphs.UNICODE : ProgressBar.Glyphs.ASCII;
        return new Choice(mode, mode == Mode.LIVE && colourWanted, glyphs);
    }

    private static boolean cursorCapable(String term) {
        return term != null && !term.isBlank() && !term.equals("dumb");
    }

    /**
     * Whether stdout (and stdin) is a terminal. {@code System.console()} is that on Java 17–21; from
     * Java 22 it may return a console for a pipe too, and {@code Console.isTerminal()} tells.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The charset picocli writes stdout in. */
    static Charset stdoutCharset() {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
