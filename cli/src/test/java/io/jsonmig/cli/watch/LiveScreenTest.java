package io.jsonmig.cli.watch;

import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.events.state.RunState;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi.Style;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal side of the live screen, on a writer: what it sends to redraw in place, and when. */
class LiveScreenTest {

    private static final String CSI = "\u001b[";

    private final RunEvents run = new RunEvents();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RunFollower follower = new RunFollower(run.id, RunDisplay.NONE);

    private LiveScreen screen(boolean colour) {
        return new LiveScreen(new PrintWriter(out), new PrintWriter(err),
                new ScreenRenderer(ProgressBar.Glyphs.UNICODE, ZoneOffset.UTC), () -> new TerminalSize(100, 30), colour);
    }

    /** What was written since the last call. */
    private String written() {
        String text = out.toString();
        out.getBuffer().setLength(0);
        return text;
    }

    /** The lines of a frame: each ends with a line feed. */
    private static long rows(String frame) {
        return frame.chars().filter(c -> c == '\n').count();
    }

    @Test
    void theFirstFrameIsDrawnWhereTheCursorIsAndLaterOnesOverIt() {
        LiveScreen screen = screen(false);
        Instant t = Instant.now();
        follower.fold(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 8, 40)));

        screen.show(follower, t);
        String first = written();
        long height = rows(first);
        follower.fold(List.of(run.progress(3, "users", 24, 40)));
        screen.show(follower, t.plus(LiveScreen.MIN_REDRAW));
        String second = written();

        assertThat(first).doesNotContain(CSI + height + "A").startsWith(CSI + "2KRun " + run.id).endsWith("\n" + CSI + "J")
                .contains("  users").contains(" 20%  8/40");
        assertThat(first.lines().limit(height)).allSatisfy(l -> assertThat(l).startsWith(CSI + "2K"));
        assertThat(second).startsWith("\r" + CSI + height + "A" + CSI + "2KRun ").contains(" 60%  24/40")
                .doesNotContain(" 20%");
    }

    @Test
    void redrawsAtMostFourTimesASecondAndOnceASecondWhenNothingHappened() {
        LiveScreen screen = screen(false);
        Instant t = Instant.now();
        follower.fold(List.of(run.requested(0), run.backupCompleted(1)));
        screen.show(follower, t);
        written();

        follower.fold(List.of(run.progress(2, "users", 8, 40)));
        screen.show(follower, t.plusMillis(100));
        assertThat(written()).as("an event 100 ms after a frame waits").isEmpty();
        screen.show(follower, t.plus(LiveScreen.MIN_REDRAW));
        assertThat(written()).as("the event, 250 ms after the frame").contains("8/40");

        screen.show(follower, t.plusMillis(900));
        assertThat(written()).as("nothing new within a second").isEmpty();
        screen.show(follower, t.plus(LiveScreen.MIN_REDRAW).plus(LiveScreen.TICK));
        assertThat(written()).as("the clock, a second later").contains("running");
    }

    @Test
    void messagesOfTheWatchGoToStderrAboveTheScreenWhichIsDrawnAgain() {
        LiveScreen screen = screen(false);
        follower.fold(List.of(run.requested(0), run.backupCompleted(1)));
        screen.show(follower, Instant.now());
        long height = rows(written());

        screen.messages().println("skipped an unreadable record of run " + run.id);
        assertThat(err.toString()).isEmpty();
        screen.messages().flush();

        assertThat(err.toString()).isEqualTo("skipped an unreadable record of run " + run.id + System.lineSeparator());
        String redrawn = written();
        assertThat(redrawn).startsWith("\r" + CSI + height + "A" + CSI + "J" + CSI + "2KRun ");
        assertThat(rows(redrawn)).isEqualTo(height);
    }

    @Test
    void theFinalFrameStaysWithTheSummaryBelowIt() {
        LiveScreen screen = screen(false);
        follower.fold(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 20, 40)));
        screen.show(follower, Instant.now());
        written();
        follower.fold(List.of(run.progress(3, "users", 40, 40), run.dataMigrated(4), run.verificationPassed(5),
                run.cutoverReady(6)));

        screen.finish(follower.result(), Duration.ofMinutes(10));

        String end = written();
        assertThat(end).containsPattern("CUTOVER +█+ 100%  done in")
                .contains("Run " + run.id + " COMPLETED: verified, cut-over ready");
        assertThat(end.indexOf("CUTOVER")).isLessThan(end.indexOf("COMPLETED: verified"));
        assertThat(end.substring(end.lastIndexOf(CSI + "J"))).doesNotContain(CSI + "2K").doesNotContain(CSI + "A");
    }

    @Test
    void aRunWithoutEventsLeavesNoScreenOnlyTheSummary() {
        LiveScreen screen = screen(false);
        screen.show(follower, Instant.now());
        long height = rows(written());

        screen.finish(new WatchResult(RunState.initial(run.id), WatchOutcome.NOT_FOUND, List.of(), null, 0),
                Duration.ofMinutes(10));

        assertThat(written()).startsWith("\r" + CSI + height + "A" + CSI + "J").contains("no run " + run.id + " found");
    }

    @Test
    void coloursOnlyWhenAsked() {
        follower.fold(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 20, 40)));

        screen(true).show(follower, Instant.now());
        String coloured = written();
        screen(false).show(follower, Instant.now());
        String plain = written();

        assertThat(coloured).contains(Style.on(Style.fg_green) + "BACKUP").contains(Style.on(Style.fg_cyan) + "  users")
                .contains(Style.on(Style.bold) + "Run " + run.id).contains(Style.reset.on());
        assertThat(plain).doesNotContain("\u001b[1m").doesNotContain(Style.on(Style.fg_green))
                .doesNotContain(Style.reset.on());
    }
}
