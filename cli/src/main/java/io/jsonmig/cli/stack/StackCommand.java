package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliVersion;
import picocli.CommandLine.Command;

@Command(name = "stack", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Run the local stack without Docker.",
        description = {
                "A Kafka broker, the PostgreSQL databases and the four services, run as",
                "background processes that outlive this command."},
        subcommands = {StackUpCommand.class, StackDownCommand.class, StackStatusCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig stack up",
                "  JSONMIG_STACK_DIR=/tmp/st JSONMIG_KAFKA_BOOTSTRAP=127.0.0.1:19092 \\",
                "    jsonmig stack up",
                "  jsonmig stack status",
                "  jsonmig stack down",
                "",
                "State lives in the stack directory (JSONMIG_STACK_DIR, default",
                "<repo>/.jsonmig/stack): logs/<name>.log, pids/<name>.pid, kafka/",
                "(broker data and broker.log) and snapshots/.",
                "",
                "Exit codes: those of each command (jsonmig stack up|down|status --help);",
                "1 without one."})
public class StackCommand {
}
