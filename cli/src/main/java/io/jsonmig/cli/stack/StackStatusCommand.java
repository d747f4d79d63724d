package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Show what runs and whether it is ready.",
        description = {
                "Prints each component's pid, state (ready, NOT READY, stopped, stale",
                "pid, external), address and log. A service is ready when its",
                "/q/health/ready answers 200; the broker when its port accepts."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig stack status",
                "",
                "Exit codes: 0 everything runs and is ready; 1 otherwise."})
public class StackStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final LocalStack stack;

    public StackStatusCommand(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ComponentStatus> components = stack.status();
        out.printf("Stack directory %s%n", stack.settings().layout().root());
        StatusTable.print(components, out);
        return components.stream().allMatch(ComponentStatus::healthy) ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
