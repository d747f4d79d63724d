package io.jsonmig.cli.control;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Go back to the JSON files, carrying every write made in PostgreSQL since the cut-over.",
        description = {
                "For a run in its stabilization window (STABILIZING): publishes",
                "rollback.requested with the trigger. migration-service stops the",
                "application's writes to the run's tables (a write after that fails with",
                "'jsonmig rollback ID in progress: writes go to the JSON files'), exports",
                "the tables back into the source's layout as a new snapshot, which",
                "verification-service checks row by row against the tables before",
                "backup-service puts it in place of the live files. The tables stay in",
                "PostgreSQL, fenced, for the investigation.",
                "Before the cut-over it rolls the run back as 'abort' does, naming the trigger.",
                "Requesting the same rollback twice publishes the same event, handled once.",
                "Refused once the run was finalized, and for a run that had no window."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig rollback \"$ID\" --trigger functionality --reason 'checkout returns 500'",
                "  jsonmig rollback \"$ID\" --trigger performance --reason 'p95 3x the baseline' && jsonmig watch \"$ID\"",
                "",
                "Exit codes:",
                "  0  rollback.requested published",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events",
                "  6  refused: the run is finalized, rolling back or rolled back already"})
public class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--trigger", required = true, paramLabel = "TRIGGER",
            description = "What the deployment plan's rollback trigger is: " + OperatorRequests.TRIGGERS + ".")
    String trigger;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "What was seen, for the timeline, the report and the notifications.")
    String reason;

    private final OperatorRequestPublisher requests;

    public RollbackCommand(OperatorRequestPublisher requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        RollbackTrigger named = trigger();
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must say what was seen");
        }
        return requests.publish(spec, migrationId,
                run -> OperatorRequests.rollback(run, named, System.getProperty("user.name", "operator"), reason,
                        Instant.now()),
                (run, rollback) -> {
                    RollbackRequested request = rollback.payloadAs(RollbackRequested.class);
                    return String.format("published rollback.requested for run %s, attempt %d (was %s)%s: %s",
                            migrationId, rollback.attempt(), run.status(), request.afterCutover()
                                    ? "; PostgreSQL's writes since the cut-over will be carried back into the JSON files"
                                    : "", request.reason());
                });
    }

    private RollbackTrigger trigger() {
        String given = trigger.strip().toUpperCase(Locale.ROOT);
        for (RollbackTrigger t : RollbackTrigger.AFTER_CUTOVER) {
            if (t.name().equals(given)) {
                return t;
            }
        }
        throw new ParameterException(spec.commandLine(), "--trigger '" + trigger + "' is not a rollback trigger: "
                + "expected one of " + OperatorRequests.TRIGGERS.replace('|', ','));
    }
}
