package io.jsonmig.cli.start;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.cli.watch.RunSummary;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Start a migration run and print its id.",
        description = {
                "Checks the arguments on this machine, publishes migration.requested and",
                "prints the new migration id, alone, on stdout (hints go to stderr).",
                "With --remote-paths the paths are the services' own (for example inside",
                "their containers): they are not looked at here, must be absolute, and",
                "are sent as given. --file (repeatable) limits the run to some of the",
                "source's files, each relative to --source. --scheduled-at with",
                "--expected-downtime plans a maintenance window: notification-service",
                "announces it at once and backup-service starts the run when it opens."},
        footerHeading = "%nExamples:%n",
        footer = {
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
                "",
                "Paths must exist here and travel as absolute real paths, unless",
                "--remote-paths is given; the services accept them only under their",
                "JSONMIG_ALLOWED_ROOTS. The target profile names a database",
                "each service resolves from its own JSONMIG_TARGET_<PROFILE>_URL: no",
                "credential travels in the event.",
                "",
                "Exit codes: 0 published; 1 invalid arguments, or Kafka unreachable",
                "(JSONMIG_KAFKA_BOOTSTRAP, default 127.0.0.1:9092)."})
public class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "DIR",
            description = "Directory of the application's JSON files (db.json, one file per collection, or NDJSON).")
    String source;

    @Option(names = "--schema", required = true, paramLabel = "DIR",
            description = "Directory of versioned SQL migrations (Flyway: V1__name.sql ...), or a Prisma project's "
                    + "prisma/migrations, that create the target schema.")
    String schema;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping plan of collections and fields to tables and columns (.yaml, .yml or .json; "
                    + "docs/mapping-plan.md; 'jsonmig plan' writes one to start from). Without it collections and "
                    + "fields map by name.")
    String mapping;

    @Option(names = "--target", paramLabel = "PROFILE", defaultValue = "local",
            description = "Target database profile (default: ${DEFAULT-VALUE}).")
    String targetProfile;

    @Option(names = "--remote-paths",
            description = "The paths are where the services see them (e.g. /data/app/... in docker-compose), "
                    + "not on this machine: skip the checks that they exist here and send them as given; "
                    + "they must be absolute.")
    boolean remotePaths;

    @Option(names = "--file", paramLabel = "PATH",
            description = "A JSON file of the source to migrate, relative to --source (repeatable). "
                    + "Without it every *.json, *.ndjson and *.jsonl file of the source directory is taken.")
    List<String> files = List.of();

    @Option(names = "--scheduled-at", paramLabel = "TIME",
            description = "Start the run in a maintenance window opening at TIME, ISO-8601 with offset "
                    + "(e.g. 2026-11-25T22:00:00+01:00); needs --expected-downtime. Without it the run starts at once.")
    String scheduledAt;

    @Option(names = "--expected-downtime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the application is expected to be down in the window (e.g. 30m, 2h, up to 7 days).")
    Duration expectedDowntime;

    @Option(names = "--max-rejects", paramLabel = "N",
            description = "Tolerate up to N records the target cannot take (quarantined in a reject file and "
                    + "_jsonmig_rejects). Without it and --max-reject-ratio, any reject fails the migration.")
    Long maxRejects;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO",
            description = "Tolerate up to this share of the run's records rejected, 0 to 1 (e.g. 0.01).")
    Double maxRejectRatio;

    @Option(names = "--append",
            description = "Add the records to target tables that already hold rows (each such table needs a primary "
                    + "key; a rollback removes exactly the rows the run added). Without it every table loaded must be "
                    + "absent or empty.")
    boolean append;

    private final MigrationRequests requests;

    public StartCommand(MigrationRequests requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        RunSpec runSpec = null;
        try {
            runSpec = new RunRequest(source, schema, mapping, targetProfile, remotePaths, files)
                    .toSpec(System.getProperty("user.name", "operator"));
        } catch (RunRequest.InvalidRunRequestException e) {
            problems.addAll(e.problems());
        }
        MaintenanceWindow window = new MaintenanceWindowRequest(scheduledAt, expectedDowntime)
                .toWindow(Instant.now(), problems);
        RejectThreshold threshold = null;
        try {
            threshold = maxRejects == null && maxRejectRatio == null ? null
                    : new RejectThreshold(maxRejects, maxRejectRatio);
        } catch (IllegalArgumentException e) {
            problems.add("--max-rejects/--max-reject-ratio: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("\n  ", problems));
        }
        runSpec = runSpec.withMaintenanceWindow(window).withRejectThreshold(threshold).withAppend(append);
        EventEnvelope event = requests.publish(runSpec);
        spec.commandLine().getOut().println(event.migrationId());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().printf("Requested run %s on Kafka at %s: source %s%s, target profile '%s'.%n"
                        + "Follow it with: jsonmig watch %s%n",
                event.migrationId(), requests.bootstrap(), runSpec.sourceDir(),
                runSpec.sourceFiles().isEmpty() ? "" : " (files " + String.join(", ", runSpec.sourceFiles()) + ")",
                runSpec.targetProfile(), event.migrationId());
        if (window != null) {
            spec.commandLine().getErr().printf("It waits for its maintenance window: %s, expected downtime %s.%n",
                    window.scheduledAt(), RunSummary.human(window.expectedDowntime()));
        }
        return ExitCodes.OK;
    }
}
