package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Stop the processes the stack started.",
        description = {
                "Stops the services, then the broker: only processes this stack started,",
                "recognised by their pid file AND their command line",
                "(/proc/<pid>/cmdline). SIGTERM first, SIGKILL after",
                "JSONMIG_STACK_STOP_TIMEOUT (default 30s). Pid files are removed, so",
                "running it twice is fine. Data stays: topics, databases, snapshots."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig stack down",
                "",
                "Exit codes: 0 nothing of the stack runs any more; 1 a process survived",
                "SIGKILL."})
public class StackDownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final LocalStack stack;

    public StackDownCommand(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        return stack.down(spec.commandLine().getOut()) ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
