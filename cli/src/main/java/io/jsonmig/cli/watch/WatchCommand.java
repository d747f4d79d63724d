package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.watch.TerminalDetector.Choice;
import io.jsonmig.cli.watch.TerminalDetector.Requested;
import io.jsonmig.events.MigrationIds;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Follow a run until it is finished.",
        description = {
                "On a terminal, draws a live screen and redraws it in place: the run's",
                "status, attempt, target and elapsed time, a progress bar per phase and,",
                "under a running phase, one per collection or table (done/total, %%,",
                "records/s, ETA); a countdown while the run waits for its maintenance",
                "window; the latest events below. The final screen stays.",
                "Elsewhere (a pipe, a file, a CI log, TERM=dumb), prints each event of",
                "the run's timeline as it arrives (HH:mm:ss  phase/type  summary) and",
                "progress at most once a second. --json prints NDJSON instead.",
                "Then a summary: status, phases with durations, rows loaded, the",
                "failure reason and the rollback actions.",
                "Reads every run topic from the beginning, so it also shows a run that",
                "finished long ago; what was already there is shown in the order it",
                "happened. If the broker has no event of the run, and none arrives",
                "within JSONMIG_WATCH_UNKNOWN_RUN_GRACE (15s), it says 'no run ID found'."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig watch mig-20261125-153600-7f3a",
                "  jsonmig watch \"$ID\" --timeout 30m",
                "  jsonmig watch \"$ID\" --plain | tee watch.log",
                "  jsonmig watch \"$ID\" --json | jq -c 'select(.type) | [.occurredAt, .type]'",
                "",
                "Exit codes:",
                "  0  completed: verification passed, cut-over ready",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  2  rolled back: the application is back on its JSON files",
                "  3  failed: a compensation could not finish, an operator must look",
                "  4  the timeout passed before the run finished, or no such run"})
public class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Give up after this long, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @ArgGroup(exclusive = true)
    Output output;

    @Option(names = "--no-color", description = "A live screen without colours (also when NO_COLOR is set).")
    boolean noColour;

    /** How to show the run, when the operator says so; otherwise stdout decides. */
    static class Output {
        @Option(names = "--live", required = true,
                description = "Draw the live screen even when stdout is not a terminal or TERM=dumb.")
        boolean live;

        @Option(names = "--plain", required = true,
                description = "Print plain lines even on a terminal, as in a pipe or a CI log.")
        boolean plain;

        @Option(names = "--json", required = true, description = "Print one JSON object per line: each event of the "
                + "timeline as it travels on Kafka (no progress), then the outcome: outcome, exitCode, meaning, "
                + "state (the folded run), tables, reportLocation, eventsSeen.")
        boolean json;

        Requested requested() {
            return live ? Requested.LIVE : plain ? Requested.PLAIN : json ? Requested.JSON : Requested.AUTO;
        }
    }

    private final RunWatcher watcher;

    public WatchCommand(RunWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public Integer call() {
        try {
            MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        Choice choice = TerminalDetector.choose(output == null ? Requested.AUTO : output.requested(), noColour,
                TerminalDetector.stdoutIsTerminal(), env, TerminalDetector.stdoutCharset());
        RunDisplay display;
        PrintWriter messages = err;
        switch (choice.mode()) {
            case LIVE -> {
                LiveScreen screen = new LiveScreen(out, err, new ScreenRenderer(choice.glyphs()),
                        () -> TerminalSize.detect(env), choice.colour());
                display = screen;
                messages = screen.messages();
            }
            case JSON -> display = new JsonLines(out);
            default -> display = new PlainTimeline(out);
        }
        err.printf("Watching run %s (timeout %s)...%n", migrationId, RunSummary.human(timeout));
        err.flush();
        WatchResult result = watcher.watch(migrationId, timeout, display, messages);
        display.finish(result, timeout);
        return result.outcome().exitCode();
    }
}
