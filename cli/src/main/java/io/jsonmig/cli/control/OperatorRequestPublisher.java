package io.jsonmig.cli.control;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.kafka.RunEventSender;
import io.jsonmig.cli.watch.RunWatcher;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.state.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@code abort} and {@code retry} share: read the run as {@code watch} does, build the operator's
 * request from it or refuse (printing why), publish it, and say what was published and how to follow it.
 */
@ApplicationScoped
public class OperatorRequestPublisher {

    private final RunWatcher runs;
    private final RunEventSender sender;

    public OperatorRequestPublisher(RunWatcher runs, RunEventSender sender) {
        this.runs = runs;
        this.sender = sender;
    }

    /**
     * @param request  the event for the run as it stands; throws {@link OperatorRequests.Refused}
     * @param report   the line saying what was published, from the run before and the event
     * @return the command's exit code
     */
    int publish(CommandSpec spec, String migrationId, Function<RunState, EventEnvelope> request,
                BiFunction<RunState, EventEnvelope, String> report) {
        try {
            MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunState run = runs.current(migrationId, err);
        EventEnvelope event;
        try {
            event = request.apply(run);
        } catch (OperatorRequests.Refused refused) {
            err.println(refused.getMessage());
            return refused.exitCode();
        }
        sender.send(event);
        out.println(report.apply(run, event));
        out.printf("follow it with: ./jsonmig watch %s%n", migrationId);
        return ExitCodes.OK;
    }
}
