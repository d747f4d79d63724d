package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Start the stack, reusing what already runs.",
        description = {
                "Creates the ledger database (JSONMIG_DB_URL) and the 'local' target",
                "database if missing, starts the Kafka broker on JSONMIG_KAFKA_BOOTSTRAP",
                "and creates the topics, starts each service and waits until it reports",
                "ready, then prints a table: name, pid, state, address, log.",
                "Every process runs in a session of its own (setsid): closing the",
                "terminal or Ctrl-C does not stop it; 'jsonmig stack down' does."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig stack up",
                "  jsonmig stack up --no-services   # broker, topics and databases",
                "  JSONMIG_BACKUP_PORT=9081 JSONMIG_STACK_DIR=/tmp/st jsonmig stack up",
                "",
                "Ports: JSONMIG_BACKUP_PORT, _MIGRATION_PORT, _VERIFICATION_PORT,",
                "_NOTIFICATION_PORT (8081-8084), JSONMIG_KAFKA_CONTROLLER_PORT (9093).",
                "The services listen on JSONMIG_SERVICE_HOST (127.0.0.1). A Kafka at a",
                "non-local JSONMIG_KAFKA_BOOTSTRAP is not started, only asked whether",
                "it answers.",
                "",
                "Exit codes: 0 everything ready; 1 something could not start (the",
                "message says what and shows the end of its log)."})
public class StackUpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-services", description = "Only the broker, the topics and the databases.")
    boolean noServices;

    private final LocalStack stack;

    public StackUpCommand(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var components = stack.up(!noServices, out);
        out.println();
        StatusTable.print(components, out);
        return components.stream().allMatch(ComponentStatus::healthy) ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
