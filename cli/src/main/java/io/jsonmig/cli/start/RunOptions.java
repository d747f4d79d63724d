package io.jsonmig.cli.start;

import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run is made of, as options: what {@code start} publishes and what {@code preflight}
 * checks. A picocli mixin, so both commands take the same flags with the same help.
 */
public class RunOptions {

    @Option(names = "--source", paramLabel = "DIR",
            description = "Directory of the application's JSON files (db.json, one file per collection, or NDJSON).")
    String source;

    @Option(names = "--schema", paramLabel = "DIR",
            description = "Directory of versioned SQL migrations (Flyway: V1__name.sql ...), or a Prisma project's "
                    + "prisma/migrations, that create the target schema.")
    String schema;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping plan of collections and fields to tables and columns (.yaml, .yml or .json; "
                    + "docs/mapping-plan.md; 'jsonmig plan' writes one to start from). Without it collections and "
                    + "fields map by name.")
    String mapping;

    @Option(names = "--target", paramLabel = "PROFILE",
            description = "Target database profile (default: local).")
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

    /** The run these options describe, or a {@link ParameterException} listing every problem at once. */
    public RunSpec toSpec(CommandSpec command, String requestedBy, Instant now) {
        List<String> problems = new ArrayList<>();
        if (source == null) {
            problems.add("missing the source directory (--source)");
        }
        if (schema == null) {
            problems.add("missing the schema directory (--schema)");
        }
        RunSpec runSpec = null;
        if (problems.isEmpty()) {
            try {
                runSpec = new RunRequest(source, schema, mapping, targetProfile == null ? "local" : targetProfile,
                        remotePaths, files).toSpec(requestedBy);
            } catch (RunRequest.InvalidRunRequestException e) {
                problems.addAll(e.problems());
            }
        }
        MaintenanceWindow window = new MaintenanceWindowRequest(scheduledAt, expectedDowntime).toWindow(now, problems);
        RejectThreshold threshold = null;
        try {
            threshold = maxRejects == null && maxRejectRatio == null ? null
                    : new RejectThreshold(maxRejects, maxRejectRatio);
        } catch (IllegalArgumentException e) {
            problems.add("--max-rejects/--max-reject-ratio: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(command.commandLine(), String.join("\n  ", problems));
        }
        return runSpec.withMaintenanceWindow(window).withRejectThreshold(threshold).withAppend(append);
    }
}
