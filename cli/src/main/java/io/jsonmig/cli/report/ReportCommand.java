package io.jsonmig.cli.report;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.runs.JsonOutput;
import io.jsonmig.cli.runs.RunEventLog;
import io.jsonmig.cli.runs.RunHistory;
import io.jsonmig.cli.runs.RunLog;
import io.jsonmig.cli.runs.RunTexts;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.state.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Show a run's verification: its verdict and what was checked.",
        description = {
                "Reads the run's latest verification event (verification.passed or",
                "verification.failed) from Kafka: its verdict is authoritative. Then asks",
                "verification-service for the full report at the event's reportLocation",
                "(GET /verifications/ID, 3s to connect, 10s to answer) and prints it,",
                "failures first: every failure, the counts per collection, the rows",
                "compared per table (missing, extra, different, duplicated keys), each",
                "failed table's differences field by field, its keys, schema and figures,",
                "the smoke checks, the URL of the HTML report (reportLocation + .html), and",
                "the verified attempt's trace id when it was traced (JSONMIG_OTEL_ENDPOINT).",
                "A run whose attempt failed before its verification (a load over its reject",
                "limit, say) has no report: its phase.failed is printed instead, the reason",
                "and every problem (for rejects: the first of each collection, with record,",
                "key and reason, and the reject file that holds them all); --json prints it",
                "as {migrationId, attempt, phase, failedAt, reason, problems}.",
                "When the service cannot be reached, prints what the event holds (the",
                "verdict, the summary, the counts) and says why the rest is missing.",
                "--json prints one JSON document and nothing else on stdout: the verdict,",
                "reportLocation, reportPage, source (verification-service or event), the",
                "event's checks, traceId, and, when it could be read, the service's report",
                "whole."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig report mig-20261125-153600-7f3a",
                "  jsonmig report \"$ID\" --open",
                "  jsonmig report \"$ID\" --json | jq -r '.report.failures[]'",
                "  jsonmig report \"$ID\" --service-url http://verification.internal:8083",
                "",
                "Exit codes:",
                "  0  the verdict was printed, passed or failed (read it from the output),",
                "     also when only the event's part could be shown",
                "  1  invalid arguments, or Kafka cannot be reached",
                "  4  no such run: the broker holds none of its events",
                "  7  the run has not been verified (yet): its phase is on stderr, and the",
                "     failure that stopped it, if any, on stdout"})
public class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The migration id that 'jsonmig start' printed.")
    String migrationId;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--open", description = "Also open the HTML report in the browser (BROWSER, else xdg-open/open).")
    boolean open;

    @Option(names = "--service-url", paramLabel = "URL",
            description = "verification-service's address, instead of the one in the event's reportLocation.")
    String serviceUrl;

    private final RunEventLog log;
    private final VerificationReportClient client;
    private final Browser browser;

    public ReportCommand(RunEventLog log, VerificationReportClient client, Browser browser) {
        this.log = log;
        this.client = client;
        this.browser = browser;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunLog runs = log.run(migrationId, false, err);
        Optional<RunHistory> run = runs.run(migrationId);
        if (run.isEmpty()) {
            err.println("no run " + migrationId + " found on " + runs.bootstrap() + ": the broker holds none of its "
                    + "events" + runs.topicsHint());
            err.flush();
            return ExitCodes.TIMEOUT;
        }
        Optional<EventEnvelope> verification = run.get().latestVerification();
        if (verification.isEmpty()) {
            run.get().failure().ifPresent(failure -> printFailure(failure, out));
            err.println(notVerified(run.get().state()));
            err.flush();
            return ExitCodes.NO_REPORT;
        }
        VerificationVerdict verdict = VerificationVerdict.of(verification.get());
        RunState state = run.get().state();
        if (verdict.attempt() < state.attempt()) {
            err.printf("attempt %d of run %s has not been verified yet (it is %s in phase %s): this is the "
                    + "verification of attempt %d%n", state.attempt(), migrationId, state.status(),
                    RunTexts.phase(state.phase()), verdict.attempt());
        }
        String location = serviceUrl != null ? VerificationReportClient.location(serviceUrl, migrationId)
                : verdict.reportLocation() != null ? verdict.reportLocation() : client.defaultLocation(migrationId);
        ServiceReport fetched = client.fetch(location, migrationId, verdict.attempt(),
                serviceUrl != null ? serviceUrl : client.defaultServiceUrl());
        String traceId = run.get().trace(verdict.attempt()).orElse(null);
        if (json) {
            JsonOutput.print(ReportDocument.of(verdict, location, fetched, traceId), out);
            if (!fetched.available()) {
                err.println("only the verification event's part: " + fetched.problem());
            }
        } else {
            ReportView.print(verdict, location, fetched, traceId, out);
        }
        if (open) {
            String page = location + ".html";
            String problem = browser.open(page);
            if (problem != null) {
                err.println("could not open the report page: " + problem + "; it is at " + page);
            }
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** What stopped a run that was never verified: the phase's reason and every problem it named (rejects: per collection). */
    private void printFailure(EventEnvelope failed, PrintWriter out) {
        FailureDocument failure = FailureDocument.of(failed);
        if (json) {
            JsonOutput.print(failure, out);
        } else {
            FailureView.print(failure, out);
        }
        out.flush();
    }

    private void validate() {
        try {
            MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (serviceUrl != null) {
            URI uri;
            try {
                uri = URI.create(serviceUrl);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--service-url '" + serviceUrl + "' is not a URL: "
                        + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ParameterException(spec.commandLine(), "--service-url '" + serviceUrl
                        + "' is not an http(s) URL such as http://127.0.0.1:8083");
            }
        }
    }

    private static String notVerified(RunState state) {
        String id = state.migrationId();
        if (!state.isFinished()) {
            return "run " + id + " has no verification report yet: it is " + state.status() + " in phase "
                    + RunTexts.phase(state.phase()) + " (attempt " + state.attempt() + "); follow it with: "
                    + "./jsonmig watch " + id;
        }
        return "run " + id + " has no verification report: it is " + state.status() + " (attempt " + state.attempt()
                + ") and its data was never verified" + (state.failureReason() == null ? ""
                : "; failure: " + state.failureReason());
    }
}
