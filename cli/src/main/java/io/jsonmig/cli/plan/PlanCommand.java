package io.jsonmig.cli.plan;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Print the mapping plan inferred for a source and a target.",
        description = {
                "Asks migration-service to read every record of the source and the target's",
                "catalog as it is now, and prints the mapping it infers (collections in load",
                "order, parents first; fields by name, camelCase to snake_case, nested objects",
                "to <field>_<inner> columns, objects and arrays whole to json/jsonb or array",
                "columns) as a mapping file to save, edit and pass to 'start --mapping'.",
                "Unmapped fields, collections without a table, columns no field fills and",
                "pending schema migrations are YAML comments, or arrays in --format json."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig plan --source data --target staging -o mapping.yaml",
                "  jsonmig plan --source data --schema db/migrations --target local",
                "  jsonmig plan --source data --json | jq .unmappedFields",
                "",
                "The plan reflects the target's catalog now: with --schema, migrations the",
                "target has not applied yet are listed and not taken into account.",
                "--format json (or --json) prints the whole report; its 'mapping' member is",
                "the mapping file.",
                "",
                "Exit codes: 0 every field and collection mapped; 5 the plan is incomplete (a",
                "field without a column, a collection without a table, or a NOT NULL column",
                "without default that no field fills; the plan is still printed); 1 invalid",
                "arguments, an existing -o file without --force, a source or profile the",
                "service refuses, or migration-service unreachable."})
public class PlanCommand implements Callable<Integer> {

    public enum Format { YAML, JSON }

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "DIR",
            description = "Directory of the application's JSON files (db.json, one file per collection, or NDJSON).")
    String source;

    @Option(names = "--target", paramLabel = "PROFILE", defaultValue = "local",
            description = "Target database profile, as migration-service resolves it (default: ${DEFAULT-VALUE}).")
    String targetProfile;

    @Option(names = "--schema", paramLabel = "DIR",
            description = "The run's schema migrations (Flyway SQL or a Prisma project): those the target has not "
                    + "applied yet are listed at the top of the plan.")
    String schema;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "yaml (default): the mapping file with comments; json: the whole report.")
    Format format;

    @Option(names = "--json", description = "The same as --format json.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the plan to FILE instead of stdout.")
    Path output;

    @Option(names = "--force", description = "Overwrite the -o file if it exists.")
    boolean force;

    @Option(names = "--service-url", paramLabel = "URL",
            description = "migration-service's address (default: the local stack's, "
                    + "http://$JSONMIG_SERVICE_HOST:$JSONMIG_MIGRATION_PORT).")
    String serviceUrl;

    private final PlanClient client;

    public PlanCommand(PlanClient client) {
        this.client = client;
    }

    @Override
    public Integer call() {
        try {
            RunSpec.requireValidProfile(targetProfile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (--target)");
        }
        if (json && format == Format.YAML) {
            throw new ParameterException(spec.commandLine(), "--json and --format yaml ask for different formats");
        }
        if (output != null && Files.exists(output) && !force) {
            throw new CliException(output + " already exists; give --force to overwrite it");
        }
        JsonNode plan = client.plan(serviceUrl == null ? client.defaultServiceUrl() : serviceUrl,
                localPath(source, "--source"), targetProfile, schema == null ? null : localPath(schema, "--schema"));
        String text = json || format == Format.JSON ? json(plan) : PlanYaml.render(plan);
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            write(output, text);
        }
        return summarize(plan, spec.commandLine().getErr());
    }

    /** One line on stderr; the exit code says whether the plan can be used as it is. */
    private int summarize(JsonNode plan, PrintWriter err) {
        int mapped = 0;
        int mappedCollections = plan.path("mapping").path("collections").size();
        int unfilled = plan.path("unmappedColumns").size();
        int pending = plan.path("pendingMigrations").size();
        for (JsonNode collection : plan.path("mapping").path("collections")) {
            mapped += collection.path("columns").size();
        }
        int fields = plan.path("unmappedFields").size();
        int collections = plan.path("collectionsWithoutTable").size();
        int required = 0;
        for (JsonNode column : plan.path("unmappedColumns")) {
            required += column.path("required").asBoolean() ? 1 : 0;
        }
        boolean complete = fields == 0 && collections == 0 && required == 0;
        err.printf("Plan%s: %d field%s mapped in %d collection%s; %d unmapped field%s, %d collection%s without "
                        + "a table, %d column%s no field fills (%d required), %d pending schema migration%s.%s%n",
                output == null ? "" : " written to " + output, mapped, plural(mapped), mappedCollections,
                plural(mappedCollections), fields, plural(fields), collections, plural(collections), unfilled,
                plural(unfilled), required, pending, plural(pending),
                complete ? "" : " Incomplete: edit the plan or the schema (exit " + ExitCodes.PLAN_INCOMPLETE + ").");
        err.flush();
        return complete ? ExitCodes.OK : ExitCodes.PLAN_INCOMPLETE;
    }

    /** An absolute real path when it exists here; otherwise as given made absolute, for the service to name. */
    private String localPath(String raw, String option) {
        try {
            Path path = Path.of(raw).toAbsolutePath().normalize();
            return Files.exists(path) ? path.toRealPath().toString() : path.toString();
        } catch (InvalidPathException | IOException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + raw + "' is not a usable path: "
                    + e.getMessage());
        }
    }

    private static String json(JsonNode plan) {
        try {
            return PlanClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
