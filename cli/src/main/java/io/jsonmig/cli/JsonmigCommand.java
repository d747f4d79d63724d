package io.jsonmig.cli;

import io.jsonmig.cli.completion.CompletionCommand;
import io.jsonmig.cli.control.AbortCommand;
import io.jsonmig.cli.control.FinalizeCommand;
import io.jsonmig.cli.control.RollbackCommand;
import io.jsonmig.cli.control.RetryCommand;
import io.jsonmig.cli.demo.DemoCommand;
import io.jsonmig.cli.plan.PlanCommand;
import io.jsonmig.cli.preflight.PreflightCommand;
import io.jsonmig.cli.report.ReportCommand;
import io.jsonmig.cli.runs.ListCommand;
import io.jsonmig.cli.runs.StatusCommand;
import io.jsonmig.cli.stack.StackCommand;
import io.jsonmig.cli.start.StartCommand;
import io.jsonmig.cli.watch.WatchCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "jsonmig", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = {
                "Moves an application's data from JSON files into PostgreSQL: backed up",
                "first, verified after, rolled back safely when anything fails."},
        subcommands = {PlanCommand.class, PreflightCommand.class, StartCommand.class, WatchCommand.class,
                StatusCommand.class, ListCommand.class, ReportCommand.class, AbortCommand.class, RollbackCommand.class,
                FinalizeCommand.class, RetryCommand.class,
                StackCommand.class, DemoCommand.class, CompletionCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./jsonmig demo            # the whole flow on examples/blog",
                "  ./jsonmig stack up        # Kafka, databases and the four services",
                "  ./jsonmig plan --source data --target staging -o map.yaml",
                "  ./jsonmig preflight -f migration.yaml   # the checklist, changing nothing",
                "  ID=$(./jsonmig start -f migration.yaml)   # or --source, --schema, ...",
                "  ./jsonmig watch \"$ID\"",
                "  ./jsonmig status \"$ID\"   # where it stands now; without ID: the runs going on",
                "  ./jsonmig list --status rolled_back --json",
                "  ./jsonmig report \"$ID\"   # the verification's verdict, failures first",
                "  ./jsonmig abort \"$ID\" --reason 'wrong target'   # roll back a running run",
                "  ./jsonmig rollback \"$ID\" --trigger performance --reason 'p95 3x'   # in the window",
                "  ./jsonmig finalize \"$ID\"   # end the stabilization window, keep PostgreSQL",
                "  ./jsonmig retry \"$ID\"   # try a rolled-back run again",
                "  ./jsonmig stack down",
                "  source <(./jsonmig completion)   # complete commands and options",
                "",
                "Exit codes: 0 success; 1 invalid arguments, or a broker, database or",
                "service that cannot be reached; watch and demo also return 2 rolled",
                "back, 3 failed, 4 timed out (see 'jsonmig watch --help'); plan returns",
                "5 when its plan is incomplete (see 'jsonmig plan --help'); abort,",
                "rollback, finalize and retry return 4 for an unknown run and 6 when the",
                "run's status refuses;",
                "status ID and report return 4 for an unknown run, report 7 when the run",
                "has not been verified; preflight 8 when a check failed. status, list,",
                "report and preflight print one JSON document with --json (plan with",
                "--json or --format json).",
                "Settings come from JSONMIG_* environment variables (cli/README.md)."})
public class JsonmigCommand {
}
