package io.jsonmig.cli.control;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.events.payload.RetryRequested;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "retry", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Try a rolled-back run again, as its next attempt.",
        description = {
                "Reads the run's events from Kafka (as 'watch' does, up to what is there",
                "now) and, when the run is ROLLED_BACK, publishes retry.requested for",
                "attempt + 1 with the run's spec and the phase that failed.",
                "backup-service re-verifies the run's snapshot and announces it again, so",
                "the load and the verification run again on what was backed up; it takes",
                "a new snapshot when the backup itself failed, the snapshot is gone, or",
                "the JSON files changed since. Retrying the same attempt twice publishes",
                "the same event, which the services handle once."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig retry mig-20261125-153600-7f3a --reason 'mapping fixed'",
                "  jsonmig retry \"$ID\" && jsonmig watch \"$ID\"",
                "",
                "Exit codes:",
                "  0  retry.requested published",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events",
                "  6  refused: the run is not rolled back (its status is in the message)"})
public class RetryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the timeline and the notifications.")
    String reason;

    private final OperatorRequestPublisher requests;

    public RetryCommand(OperatorRequestPublisher requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        return requests.publish(spec, migrationId,
                run -> OperatorRequests.retry(run, System.getProperty("user.name", "operator"), reason, Instant.now()),
                (run, retry) -> {
                    RetryRequested request = retry.payloadAs(RetryRequested.class);
                    return String.format("published retry.requested for run %s, attempt %d%s", migrationId,
                            retry.attempt(), request.failedPhase() == null ? ""
                                    : " (attempt " + run.attempt() + " failed in phase "
                                            + request.failedPhase().name().toLowerCase(Locale.ROOT) + ")");
                });
    }
}
