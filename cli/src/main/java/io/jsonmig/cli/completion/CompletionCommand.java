package io.jsonmig.cli.completion;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Print the shell completion script for jsonmig.",
        description = {
                "Prints a script that completes jsonmig's commands, their options and",
                "the values some options take (--layout, files for -f), generated from",
                "the commands themselves, so it always matches this version. The same",
                "script serves bash and zsh (through zsh's bashcompinit)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  source <(./jsonmig completion)          # this shell only",
                "  ./jsonmig completion > ~/.local/share/bash-completion/completions/jsonmig",
                "  source <(./jsonmig completion zsh)      # in ~/.zshrc",
                "",
                "It completes the command named jsonmig, also when typed as ./jsonmig.",
                "",
                "Exit codes:",
                "  0  printed",
                "  1  an unknown shell"})
public class CompletionCommand implements Callable<Integer> {

    /** The shells the script is for. */
    public enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash (default) or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("jsonmig", spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
