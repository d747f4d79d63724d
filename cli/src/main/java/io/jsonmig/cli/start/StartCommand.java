package io.jsonmig.cli.start;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
                "source's files, each relative to --source."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig start --source data --schema db/migrations --mapping map.json",
                "  ID=$(jsonmig start --source data --schema schema --target staging)",
                "  jsonmig watch \"$ID\"",
                "  jsonmig start --remote-paths --source /data/app/data \\",
                "    --schema /data/app/schema --mapping /data/app/mapping.json",
                "  jsonmig start --source data --schema schema \\",
                "    --file users.json --file shop/orders.json",
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
            description = "Directory of versioned SQL migrations (V1__name.sql ...) that create the target schema.")
    String schema;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping of collections and fields to tables and columns (mapping.json). "
                    + "Without it collections and fields map by name.")
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

    private final MigrationRequests requests;

    public StartCommand(MigrationRequests requests) {
        this.requests = requests;
    }

    @Override
    public Integer call() {
        RunSpec runSpec;
        try {
            runSpec = new RunRequest(source, schema, mapping, targetProfile, remotePaths, files)
                    .toSpec(System.getProperty("user.name", "operator"));
        } catch (RunRequest.InvalidRunRequestException e) {
            throw new ParameterException(spec.commandLine(), String.join("\n  ", e.problems()));
        }
        EventEnvelope event = requests.publish(runSpec);
        spec.commandLine().getOut().println(event.migrationId());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().printf("Requested run %s on Kafka at %s: source %s%s, target profile '%s'.%n"
                        + "Follow it with: jsonmig watch %s%n",
                event.migrationId(), requests.bootstrap(), runSpec.sourceDir(),
                runSpec.sourceFiles().isEmpty() ? "" : " (files " + String.join(", ", runSpec.sourceFiles()) + ")",
                runSpec.targetProfile(), event.migrationId());
        return ExitCodes.OK;
    }
}
