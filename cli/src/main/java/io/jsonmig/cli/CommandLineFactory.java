package io.jsonmig.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The picocli command line with jsonmig's error handling: bad arguments and operator errors print
 * one line on stderr and exit with {@link ExitCodes#ERROR}, because 2, 3 and 4 report a run's outcome.
 */
@ApplicationScoped
public class CommandLineFactory {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create()
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CommandLineFactory::usageError)
                .setExecutionExceptionHandler(CommandLineFactory::executionError);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(qualifiedName(cmd) + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + qualifiedName(cmd) + " --help' for more information.");
        err.flush();
        return ExitCodes.ERROR;
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliException || e instanceof IllegalArgumentException) {
            err.println(qualifiedName(cmd) + ": " + e.getMessage());
        } else {
            err.println(qualifiedName(cmd) + ": unexpected error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }
}
