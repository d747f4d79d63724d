package io.jsonmig.cli.start;

import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a run is made of, as options and as a run file ({@code -f migration.yaml}, docs/run-file.md):
 * what {@code start} publishes and what {@code preflight} checks. A picocli mixin, so both commands take
 * the same flags with the same help. A flag wins over the run file.
 */
public class RunOptions {

    @Option(names = {"-f", "--run-file"}, paramLabel = "FILE",
            description = "Run file (migration.yaml, see docs/run-file.md) holding the run's settings; relative paths "
                    + "in it are relative to its directory. A flag given as well wins over the file.")
    Path runFile;

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

    @Option(names = "--remote-paths", negatable = true,
            description = "The paths are where the services see them (e.g. /data/app/... in docker-compose), "
                    + "not on this machine: skip the checks that they exist here and send them as given; "
                    + "they must be absolute.")
    Boolean remotePaths;

    @Option(names = "--file", paramLabel = "PATH",
            description = "A JSON file of the source to migrate, relative to --source (repeatable; replaces the run "
                    + "file's source.files). Without it every *.json, *.ndjson and *.jsonl file of the source "
                    + "directory is taken.")
    List<String> files = List.of();

    @Option(names = "--layout", paramLabel = "LAYOUT", completionCandidates = Layouts.class,
            description = "The layout the source must be in: ${COMPLETION-CANDIDATES}; the backup refuses a source "
                    + "found in another. Without it any layout is taken.")
    String layout;

    @Option(names = "--scheduled-at", paramLabel = "TIME",
            description = "Start the run in a maintenance window opening at TIME, ISO-8601 with offset "
                    + "(e.g. 2026-11-25T22:00:00+01:00); needs --expected-downtime. Without it the run starts at once.")
    String scheduledAt;

    @Option(names = "--expected-downtime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the application is expected to be down in the window (e.g. 30m, 2h, up to 7 days).")
    Duration expectedDowntime;

    @Option(names = "--stabilization-window", paramLabel = "DURATION", converter = WindowConverter.class,
            description = "How long after the cut-over the run stays STABILIZING, its cut-over snapshot kept, before "
                    + "it is COMPLETED ; within it 'jsonmig rollback' carries every "
                    + "write made in PostgreSQL back into the JSON files (e.g. 36h, 3d, up to 90 days; default 72h, "
                    + "none for a dry run; 0 ends the run at its cut-over). 'jsonmig finalize' ends it earlier.")
    Duration stabilizationWindow;

    @Option(names = "--max-rejects", paramLabel = "N",
            description = "Tolerate up to N records the target cannot take (quarantined in a reject file and "
                    + "_jsonmig_rejects). Without it and --max-reject-ratio, any reject fails the migration.")
    Long maxRejects;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO",
            description = "Tolerate up to this share of the run's records rejected, 0 to 1 (e.g. 0.01).")
    Double maxRejectRatio;

    @Option(names = "--append", negatable = true,
            description = "Add the records to target tables that already hold rows (each such table needs a primary "
                    + "key; a rollback removes exactly the rows the run added). Without it every table loaded must be "
                    + "absent or empty.")
    Boolean append;

    @Option(names = "--smoke-check", paramLabel = "CHECK",
            description = "A check of the migrated application (repeatable; replaces the run file's check of the same "
                    + "name): NAME=sql:QUERY=EXPECTED (the query's first value must read EXPECTED) or "
                    + "NAME=url:URL=STATUS (a GET must answer STATUS). A failure rolls the run back.")
    List<String> smokeChecks = List.of();

    @Option(names = "--notify", paramLabel = "AUDIENCE=EMAIL[,EMAIL...]",
            description = "Also tell these addresses about this run, as AUDIENCE (operators, stakeholders, users or a "
                    + "group name) (repeatable; replaces the run file's addresses of that audience).")
    List<String> notify = List.of();

    @Option(names = "--dry-run", negatable = true,
            description = "Rehearse: run the whole pipeline into a throwaway schema of the target, verify and report "
                    + "as usual, then remove it; no cut-over, the JSON files are never written.")
    Boolean dryRun;

    /** The run these options describe, or a {@link ParameterException} listing every problem at once. */
    public RunSpec toSpec(CommandSpec command, String requestedBy, Instant now) {
        return resolve(command, requestedBy, now).spec();
    }

    /** The run and where each of its settings came from, or a {@link ParameterException} listing every problem. */
    public ResolvedRun resolve(CommandSpec command, String requestedBy, Instant now) {
        List<String> problems = new ArrayList<>();
        RunSettings flags = flags(problems);
        try {
            ResolvedRun run = resolve(flags, runFile, requestedBy, now);
            if (problems.isEmpty()) {
                return run;
            }
        } catch (RunRequest.InvalidRunRequestException e) {
            problems.addAll(e.problems());
        }
        throw new ParameterException(command.commandLine(), String.join("\n  ", problems));
    }

    /**
     * The run of {@code flags} over the run file's settings (none without {@code runFile}), or every
     * problem of both at once. A run file that cannot be read or parsed at all is its only problem.
     */
    static ResolvedRun resolve(RunSettings flags, Path runFile, String requestedBy, Instant now)
            throws RunRequest.InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        RunSettings settings = flags;
        String runFileName = null;
        if (runFile != null) {
            RunFile file = RunFileReader.read(runFile);
            if (!file.readable()) {
                throw new RunRequest.InvalidRunRequestException(file.problems());
            }
            problems.addAll(file.problems());
            settings = flags.over(file.settings());
            runFileName = file.name();
        }
        try {
            RunSpec spec = settings.toSpec(requestedBy, now, runFileName);
            if (problems.isEmpty()) {
                return new ResolvedRun(spec, settings);
            }
        } catch (RunRequest.InvalidRunRequestException e) {
            problems.addAll(e.problems());
        }
        throw new RunRequest.InvalidRunRequestException(problems);
    }

    private RunSettings flags(List<String> problems) {
        Map<String, Setting<SmokeCheck>> checks = new LinkedHashMap<>();
        for (String text : smokeChecks) {
            Setting<SmokeCheck> check = parsed(RunField.SMOKE_CHECKS, text, SmokeCheckFlag::parse, problems);
            if (check != null && checks.putIfAbsent(check.value().name(), check) != null) {
                problems.add(RunField.SMOKE_CHECKS.flag() + " '" + text + "': a check named " + check.value().name()
                        + " is given twice");
            }
        }
        Map<String, Set<String>> addresses = new LinkedHashMap<>();
        for (String text : notify) {
            Setting<Map.Entry<String, List<String>>> audience = parsed(RunField.NOTIFY, text, NotifyFlag::parse, problems);
            if (audience != null) {
                addresses.computeIfAbsent(audience.value().getKey(), a -> new LinkedHashSet<>())
                        .addAll(audience.value().getValue());
            }
        }
        Map<String, Setting<List<String>>> audiences = new LinkedHashMap<>();
        addresses.forEach((audience, list) -> audiences.put(audience, Setting.flag(RunField.NOTIFY, List.copyOf(list))));
        return new RunSettings(Setting.flag(RunField.SOURCE, source),
                files.stream().map(file -> Setting.flag(RunField.FILES, file)).toList(),
                Setting.flag(RunField.LAYOUT, layout), Setting.flag(RunField.SCHEMA, schema),
                Setting.flag(RunField.MAPPING, mapping), Setting.flag(RunField.TARGET, targetProfile),
                Setting.flag(RunField.MAX_REJECTS, maxRejects), Setting.flag(RunField.MAX_REJECT_RATIO, maxRejectRatio),
                Setting.flag(RunField.APPEND, append), Setting.flag(RunField.SCHEDULED_AT, scheduledAt),
                Setting.flag(RunField.EXPECTED_DOWNTIME, expectedDowntime), checks, audiences,
                Setting.flag(RunField.DRY_RUN, dryRun), Setting.flag(RunField.REMOTE_PATHS, remotePaths),
                Setting.flag(RunField.STABILIZATION_WINDOW, stabilizationWindow));
    }

    private static <T> Setting<T> parsed(RunField field, String text, Function<String, T> parser,
                                         List<String> problems) {
        try {
            return Setting.flag(field, parser.apply(text));
        } catch (IllegalArgumentException e) {
            problems.add(new Origin.Flag(field).problem(e.getMessage()));
            return null;
        }
    }

    /** The run and the settings it was made of. */
    public record ResolvedRun(RunSpec spec, RunSettings settings) {
    }

    /** The source layouts, for the help and shell completion. */
    public static final class Layouts implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return RunSpec.LAYOUTS.iterator();
        }
    }
}
