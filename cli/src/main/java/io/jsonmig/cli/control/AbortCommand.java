package io.jsonmig.cli.control;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.events.payload.RollbackRequested;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "abort", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Roll back a run that has not finished.",
        description = {
                "Reads the run's events from Kafka (as 'watch' does, up to what is there",
                "now) and publishes rollback.requested for its current attempt: trigger",
                "OPERATOR_ABORT, failed phase = the phase the run is in, the run's spec.",
                "migration-service then removes what the run created in the target and",
                "backup-service confirms the JSON files. Aborting the same attempt twice",
                "publishes the same event, which the services handle once.",
                "Refused for a run that finished rolling back (ROLLED_BACK, FAILED) and for",
                "a COMPLETED one: its cut-over was announced and the application may",
                "already write to PostgreSQL."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig abort mig-20261125-153600-7f3a --reason 'wrong target profile'",
                "  jsonmig abort \"$ID\" && jsonmig watch \"$ID\"",
                "",
                "Exit codes:",
                "  0  rollback.requested published",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events",
                "  6  refused: the run is rolled back, failed or completed"})
public class AbortCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the timeline and the notifications.")
    String reason;

    private final OperatorRequestPublisher requests;

    public AbortCommand(OperatorRequestPublisher requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        return requests.publish(spec, migrationId,
                run -> OperatorRequests.abort(run, System.getProperty("user.name", "operator"), reason, Instant.now()),
                (run, abort) -> {
                    RollbackRequested request = abort.payloadAs(RollbackRequested.class);
                    return String.format("published rollback.requested for run %s, attempt %d (was %s in phase %s): %s",
                            migrationId, abort.attempt(), run.status(),
                            request.failedPhase().name().toLowerCase(Locale.ROOT), request.reason());
                });
    }
}
