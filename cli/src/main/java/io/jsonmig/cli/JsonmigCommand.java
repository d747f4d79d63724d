package io.jsonmig.cli;

import io.jsonmig.cli.control.AbortCommand;
import io.jsonmig.cli.control.RetryCommand;
import io.jsonmig.cli.demo.DemoCommand;
import io.jsonmig.cli.plan.PlanCommand;
import io.jsonmig.cli.preflight.PreflightCommand;
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
        subcommands = {PlanCommand.class, PreflightCommand.class, StartCommand.class, WatchCommand.class, AbortCommand.class,
                RetryCommand.class, StackCommand.class, DemoCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./jsonmig demo            # the whole flow on examples/blog",
                "  ./jsonmig stack up        # Kafka, databases and the four services",
                "  ./jsonmig plan --source data --target staging -o map.yaml",
                "  ./jsonmig preflight --source data --schema schema --mapping map.json",
                "  ID=$(./jsonmig start --source data --schema schema --mapping map.json)",
                "  ./jsonmig watch \"$ID\"",
                "  ./jsonmig abort \"$ID\" --reason 'wrong target'   # roll back a running run",
                "  ./jsonmig retry \"$ID\"   # try a rolled-back run again",
                "  ./jsonmig stack down",
                "",
                "Exit codes: 0 success; 1 invalid arguments, or a broker, database or",
                "service that cannot be reached; watch and demo also return 2 rolled",
                "back, 3 failed, 4 timed out (see 'jsonmig watch --help'); plan returns",
                "5 when its plan is incomplete (see 'jsonmig plan --help'); abort and",
                "retry return 4 for an unknown run and 6 when the run's status refuses;",
                "preflight returns 8 when a check failed.",
                "Settings come from JSONMIG_* environment variables (cli/README.md)."})
public class JsonmigCommand {
}
