package io.jsonmig.cli.runs;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.state.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "List every run the broker holds, newest first.",
        description = {
                "Reads the run topics (not the progress topic) from the beginning up to",
                "what is there now, folds each run's events as the services do, and prints",
                "one line per run: id, status, phase, attempt, target profile, start (local",
                "time), duration (start to last event; for a run still going, until now)",
                "and the outcome: rows loaded, the failure reason, or when the last event",
                "of a run still going came.",
                "--json prints {\"bootstrap\": ..., \"runs\": [...]} and nothing else on stdout",
                "(see cli/README.md for the members)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig list",
                "  jsonmig list --status running,rolling_back",
                "  jsonmig list --status rolled_back --limit 5",
                "  jsonmig list --json | jq -r '.runs[] | select(.finished | not) | .migrationId'",
                "",
                "Statuses: REQUESTED, RUNNING, STABILIZING, COMPLETED, ROLLING_BACK, ROLLED_BACK,",
                "FAILED.",
                "",
                "Exit codes:",
                "  0  listed, also when there is no run (said on stderr)",
                "  1  invalid arguments, or Kafka cannot be reached"})
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", description = "Show the N newest runs only (after --status).")
    Integer limit;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only runs with this status; several separated by commas.")
    List<RunStatus> statuses;

    @Option(names = "--json", description = "Print the runs as one JSON document.")
    boolean json;

    private final RunEventLog log;

    public ListCommand(RunEventLog log) {
        this.log = log;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, was " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunLog runs = log.allRuns(err);
        List<RunHistory> all = runs.newestFirst();
        List<RunHistory> matching = all.stream()
                .filter(run -> statuses == null || statuses.contains(run.state().status())).toList();
        List<RunHistory> shown = limit == null ? matching : matching.stream().limit(limit).toList();
        if (json) {
            JsonOutput.print(RunListDocument.of(runs.bootstrap(), shown), out);
        } else if (!shown.isEmpty()) {
            RunTable.print(shown, Instant.now(), out);
        }
        if (shown.isEmpty()) {
            err.println(statuses == null || all.isEmpty()
                    ? "no runs found on " + runs.bootstrap() + runs.topicsHint()
                    : "no " + statuses.stream().map(s -> s.name()).collect(Collectors.joining(" or "))
                            + " runs found on " + runs.bootstrap() + " (" + all.size() + " run(s) in all)");
        } else if (shown.size() < matching.size()) {
            err.printf("showing the %d newest of %d run(s)%s%n", shown.size(), matching.size(),
                    statuses == null ? "" : " with status " + statuses.stream().map(s -> s.name()
                            .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        err.flush();
        return ExitCodes.OK;
    }
}
