package io.jsonmig.cli.watch;

import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Draws the {@link ScreenRenderer}'s screen on a terminal and redraws it in place: the cursor goes
 * back up over the previous frame, each line is erased and written again, and whatever the previous
 * frame had below is erased. At most every {@link #MIN_REDRAW}, when an event arrived, and every
 * {@link #TICK} for the clocks. The final frame stays, with the summary below it.
 * Messages of the watch (a skipped record, a topic that appeared) go to stderr above the screen,
 * which is then drawn again below them.
 */
final class LiveScreen implements RunDisplay {

    static final Duration MIN_REDRAW = Duration.ofMillis(250);
    static final Duration TICK = Duration.ofSeconds(1);
    /** How often the terminal's size is looked at again (a resized window). */
    private static final Duration SIZE_CHECK = Duration.ofSeconds(2);
    private static final String CSI = "\u001b[";

    private final PrintWriter out;
    private final PrintWriter err;
    private final ScreenRenderer renderer;
    private final Supplier<TerminalSize> terminalSize;
    private final boolean colour;
    private final StringBuilder pendingMessages = new StringBuilder();
    private final PrintWriter messages;

    private TerminalSize size;
    private Instant sizeCheckedAt;
    private List<ScreenLine> frame = List.of();
    private int drawnHeight;
    private Instant drawnAt;
    private int drawnEvents = -1;
    private RunFollower run;

    LiveScreen(PrintWriter out, PrintWriter err, ScreenRenderer renderer, Supplier<TerminalSize> terminalSize,
               boolean colour) {
        this.out = out;
        this.err = err;
        this.renderer = renderer;
        this.terminalSize = terminalSize;
        this.colour = colour;
        this.messages = new PrintWriter(new MessageWriter());
    }

    /** Where the watch writes its messages while the screen is up. */
    PrintWriter messages() {
        return messages;
    }

    @Override
    public void show(RunFollower run, Instant now) {
        this.run = run;
        if (drawnAt != null) {
            Duration since = Duration.between(drawnAt, now);
            boolean changed = run.eventsSeen() != drawnEvents;
            if (since.compareTo(MIN_REDRAW) < 0 || !changed && since.compareTo(TICK) < 0) {
                return;
            }
        }
        draw(run, now);
    }

    @Override
    public void finish(WatchResult result, Duration timeout) {
        messages.flush();
        if (run != null && result.eventsSeen() > 0) {
            if (run.eventsSeen() != drawnEvents) {
                draw(run, Instant.now());
            }
        } else {
            erase();
        }
        RunSummary.print(result, timeout, out);
    }

    private void draw(RunFollower run, Instant now) {
        if (size == null || Duration.between(sizeCheckedAt, now).compareTo(SIZE_CHECK) >= 0) {
            size = terminalSize.get();
            sizeCheckedAt = now;
        }
        frame = renderer.render(run, now, size);
        drawnAt = now;
        drawnEvents = run.eventsSeen();
        redraw();
    }

    private void redraw() {
        StringBuilder screen = new StringBuilder();
        backToTop(screen);
        for (ScreenLine line : frame) {
            screen.append(CSI).append("2K").append(styled(line)).append('\n');
        }
        screen.append(CSI).append('J');
        out.print(screen);
        out.flush();
        drawnHeight = frame.size();
    }

    private void erase() {
        StringBuilder screen = new StringBuilder();
        backToTop(screen);
        screen.append(CSI).append('J');
        out.print(screen);
        out.flush();
        drawnHeight = 0;
    }

    private void backToTop(StringBuilder screen) {
        if (drawnHeight > 0) {
            screen.append('\r').append(CSI).append(drawnHeight).append('A');
        }
    }

    private String styled(ScreenLine line) {
        IStyle[] styles = switch (line.tone()) {
            case TITLE -> new IStyle[] {Style.bold};
            case PLAIN -> new IStyle[0];
            case PENDING -> new IStyle[] {Style.faint};
            case RUNNING -> new IStyle[] {Style.fg_cyan};
            case DONE -> new IStyle[] {Style.fg_green};
            case FAILED -> new IStyle[] {Style.bold, Style.fg_red};
        };
        if (!colour || styles.length == 0 || line.text().isEmpty()) {
            return line.text();
        }
        return Style.on(styles) + line.text() + Style.reset.on();
    }

    /** Keeps the watch's messages until they are flushed, then writes them above the screen. */
    private final class MessageWriter extends Writer {

        @Override
        public void write(char[] chars, int offset, int length) {
            pendingMessages.append(chars, offset, length);
        }

        @Override
        public void flush() {
            if (pendingMessages.length() == 0) {
                return;
            }
            boolean onScreen = drawnHeight > 0;
            erase();
            err.print(pendingMessages);
            err.flush();
            pendingMessages.setLength(0);
            if (onScreen) {
                redraw();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
