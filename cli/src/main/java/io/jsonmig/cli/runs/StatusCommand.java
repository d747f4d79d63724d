package io.jsonmig.cli.runs;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.MigrationIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Show where a run stands now, or which runs are going on.",
        description = {
                "With ID: reads the run's events from Kafka up to what is there now (nothing",
                "waits for more), folds them as the services do and prints its status,",
                "phase and attempt, each phase with its status, start and duration, the",
                "latest progress per item while it runs, rows loaded per table, the",
                "verification's checks and report, the failure reason, the rollback",
                "actions, warnings, and what to do next (watch, abort, report, retry).",
                "Without ID: the runs that are not finished, one line each as 'list'",
                "prints them, or the latest run when none is going on.",
                "--json prints one JSON document and nothing else on stdout: with ID",
                "{\"run\": <RunState>, \"tables\", \"reportLocation\", \"reportPage\", \"nextSteps\"},",
                "without {\"bootstrap\", \"runs\": [...]} as 'list --json' (cli/README.md)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig status",
                "  jsonmig status mig-20261125-153600-7f3a",
                "  jsonmig status \"$ID\" --json | jq -r .run.status",
                "",
                "Exit codes:",
                "  0  the run is known (whatever its status: read it from the output), or,",
                "     without ID, the runs were read (also when there is none)",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events"})
public class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "The migration id that 'jsonmig start' printed; without it, the runs going on.")
    String migrationId;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    private final RunEventLog log;

    public StatusCommand(RunEventLog log) {
        this.log = log;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return migrationId == null ? runsGoingOn(out, err) : oneRun(out, err);
    }

    private int oneRun(PrintWriter out, PrintWriter err) {
        try {
            MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunLog runs = log.run(migrationId, true, err);
        Optional<RunHistory> run = runs.run(migrationId);
        if (run.isEmpty()) {
            err.println("no run " + migrationId + " found on " + runs.bootstrap() + ": the broker holds none of its "
                    + "events" + runs.topicsHint());
            err.flush();
            return ExitCodes.TIMEOUT;
        }
        if (json) {
            JsonOutput.print(RunStatusDocument.of(run.get()), out);
        } else {
            RunStatusView.print(run.get(), Instant.now(), out);
        }
        return ExitCodes.OK;
    }

    private int runsGoingOn(PrintWriter out, PrintWriter err) {
        RunLog runs = log.allRuns(err);
        List<RunHistory> all = runs.newestFirst();
        List<RunHistory> going = all.stream().filter(run -> !run.state().isFinished()).toList();
        List<RunHistory> shown = going.isEmpty() && !all.isEmpty() ? List.of(all.get(0)) : going;
        if (json) {
            JsonOutput.print(RunListDocument.of(runs.bootstrap(), shown), out);
        } else if (!shown.isEmpty()) {
            RunTable.print(shown, Instant.now(), out);
        }
        if (all.isEmpty()) {
            err.println("no runs found on " + runs.bootstrap() + runs.topicsHint());
        } else if (going.isEmpty()) {
            err.println("no run is going on; the latest is shown ('./jsonmig list' shows every run)");
        } else {
            err.println("details: ./jsonmig status ID");
        }
        err.flush();
        return ExitCodes.OK;
    }
}
