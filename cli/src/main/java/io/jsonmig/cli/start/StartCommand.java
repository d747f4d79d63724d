package io.jsonmig.cli.start;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.watch.RunSummary;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Start a migration run and print its id.",
        description = {
                "Checks the arguments on this machine, publishes migration.requested and",
                "prints the new migration id, alone, on stdout (hints go to stderr).",
                "-f reads the run's settings from a run file (docs/run-file.md); every",
                "setting is also a flag, and a flag wins over the file. Relative paths",
                "in the file are relative to its directory; those of flags to the",
                "working directory. Every problem is reported at once, a run file's as",
                "file:line:column: key: what is wrong.",
                "With --remote-paths the paths are the services' own (for example inside",
                "their containers): they are not looked at here, must be absolute, and",
                "are sent as given. --file (repeatable) limits the run to some of the",
                "source's files, each relative to --source. --scheduled-at with",
                "--expected-downtime plans a maintenance window: notification-service",
                "announces it at once and backup-service starts the run when it opens.",
                "--dry-run rehearses the run into a throwaway schema: verified and",
                "reported, never cut over."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig start -f migration.yaml",
                "  jsonmig start -f migration.yaml --target production --no-dry-run",
                "  jsonmig start --source data --schema db/migrations --mapping map.json",
                "  ID=$(jsonmig start --source data --schema schema --target staging)",
                "  jsonmig watch \"$ID\"",
                "  jsonmig start --remote-paths --source /data/app/data \\",
                "    --schema /data/app/schema --mapping /data/app/mapping.yaml",
                "  jsonmig start --source data --schema schema \\",
                "    --file users.json --file shop/orders.json",
                "  jsonmig start --source data --schema schema \\",
                "    --scheduled-at 2026-11-25T22:00:00+01:00 --expected-downtime 30m",
                "  jsonmig start --source data --schema schema --max-rejects 10 --max-reject-ratio 0.01",
                "  jsonmig start -f migration.yaml --dry-run \\",
                "    --smoke-check 'users=sql:select count(*) from users=40' \\",
                "    --smoke-check 'health=url:http://app.internal/health=200' \\",
                "    --notify stakeholders=cto@example.com,pm@example.com",
                "",
                "Paths must exist here and travel as absolute real paths, unless",
                "--remote-paths is given; the services accept them only under their",
                "JSONMIG_ALLOWED_ROOTS. The target profile names a database",
                "each service resolves from its own JSONMIG_TARGET_<PROFILE>_URL: no",
                "credential travels in the event.",
                "",
                "Exit codes:",
                "  0  published; the id is on stdout",
                "  1  invalid arguments or run file (every problem listed, nothing",
                "     published), or Kafka unreachable (JSONMIG_KAFKA_BOOTSTRAP,",
                "     default 127.0.0.1:9092)"})
public class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = {"-v", "--verbose"},
            description = "Print each setting on stderr with where it came from (a flag, the run file's line, or the default).")
    boolean verbose;

    private final MigrationRequests requests;

    public StartCommand(MigrationRequests requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        RunOptions.ResolvedRun resolved = run.resolve(spec, System.getProperty("user.name", "operator"), Instant.now());
        RunSpec runSpec = resolved.spec();
        PrintWriter err = spec.commandLine().getErr();
        if (verbose) {
            err.println("Settings:");
            resolved.settings().describe().forEach(err::println);
            err.flush();
        }
        EventEnvelope event = requests.publish(runSpec);
        spec.commandLine().getOut().println(event.migrationId());
        spec.commandLine().getOut().flush();
        err.printf("Requested run %s on Kafka at %s: source %s%s, target profile '%s'.%n"
                        + "Follow it with: jsonmig watch %s%n",
                event.migrationId(), requests.bootstrap(), runSpec.sourceDir(),
                runSpec.sourceFiles().isEmpty() ? "" : " (files " + String.join(", ", runSpec.sourceFiles()) + ")",
                runSpec.targetProfile(), event.migrationId());
        MaintenanceWindow window = runSpec.maintenanceWindow();
        if (window != null) {
            err.printf("It waits for its maintenance window: %s, expected downtime %s.%n",
                    window.scheduledAt(), RunSummary.human(window.expectedDowntime()));
        }
        if (runSpec.dryRun()) {
            err.printf("dry run: rehearsal into a throwaway schema, no cut-over (schema %s of target profile '%s', "
                    + "removed after the report)%n", DryRuns.schemaFor(event.migrationId()), runSpec.targetProfile());
        }
        err.flush();
        return ExitCodes.OK;
    }
}
