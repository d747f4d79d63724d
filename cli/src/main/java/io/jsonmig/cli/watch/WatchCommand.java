package io.jsonmig.cli.watch;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.events.MigrationIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Follow a run until it is finished.",
        description = {
                "Prints each event of the run's timeline as it arrives",
                "(HH:mm:ss  phase/type  summary), progress at most once a second, and a",
                "summary at the end: status, phases with durations, rows loaded, the",
                "failure reason and the rollback actions.",
                "Reads every run topic from the beginning, so it also shows a run that",
                "finished long ago; what was already there is printed in the order it",
                "happened. If the broker has no event of the run, and none arrives",
                "within JSONMIG_WATCH_UNKNOWN_RUN_GRACE (15s), it says 'no run ID found'."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig watch mig-20261125-153600-7f3a",
                "  jsonmig watch \"$ID\" --timeout 30m",
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
        err.printf("Watching run %s (timeout %s)...%n", migrationId, RunSummary.human(timeout));
        err.flush();
        WatchResult result = watcher.watch(migrationId, timeout, out, err);
        RunSummary.print(result, timeout, out);
        return result.outcome().exitCode();
    }
}
