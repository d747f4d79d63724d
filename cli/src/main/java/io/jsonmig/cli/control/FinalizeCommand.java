package io.jsonmig.cli.control;

import io.jsonmig.cli.CliVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "finalize", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "End a run's stabilization window now: keep PostgreSQL, close the way back.",
        description = {
                "For a run in its stabilization window (STABILIZING): publishes",
                "run.finalized, as verification-service does when the window has passed.",
                "The run is then COMPLETED; 'rollback' and 'abort' refuse it from then on.",
                "Finalizing twice, or after the window ended by itself, changes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig finalize \"$ID\" --note 'probes green for 24h, sign-off by the product owner'",
                "",
                "Exit codes:",
                "  0  run.finalized published",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events",
                "  6  refused: the run is not in its stabilization window"})
public class FinalizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why now, for the timeline and the notifications.")
    String note;

    private final OperatorRequestPublisher requests;

    public FinalizeCommand(OperatorRequestPublisher requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        return requests.publish(spec, migrationId,
                run -> OperatorRequests.finalize(run, System.getProperty("user.name", "operator"), note, Instant.now()),
                (run, finalized) -> String.format("published run.finalized for run %s, attempt %d: the run is "
                        + "COMPLETED and its way back to the JSON files is closed", migrationId, finalized.attempt()));
    }
}
