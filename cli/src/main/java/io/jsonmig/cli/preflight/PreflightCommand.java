package io.jsonmig.cli.preflight;

import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.start.RunOptions;
import io.jsonmig.cli.stack.StackSettings;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.serde.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Check that everything a run needs is ready, changing nothing.",
        description = {
                "The deployment's pre-flight checklist for the run the options describe (the",
                "same options as 'start'): Kafka reachable and its topics present, every",
                "service ready, then each service's own checks of the run, made where the",
                "resource is (POST /preflight): backup-service the source (readable, valid",
                "JSON, layout) and room for the backup; migration-service the target",
                "(reachable, privileges, pending schema migrations, tables to load empty,",
                "mapping complete); verification-service the smoke checks; notification-",
                "service the mail server, webhooks and recipients. Each line is printed as",
                "it completes, a failed one with its fix. Nothing is published, created or",
                "changed."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jsonmig preflight --source data --schema db/migrations --mapping map.yaml",
                "  jsonmig preflight --source data --schema schema --target staging --json | jq '.checks[] | select(.passed | not)'",
                "  jsonmig preflight --remote-paths --source /data/app/data --schema /data/app/schema \\",
                "    --service-url migration-service=http://migrate.internal:8082",
                "",
                "Exit codes: 0 every check passed; 8 at least one failed (each is named);",
                "1 invalid arguments."})
public class PreflightCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--json", description = "Print one JSON document (every check with service, name, passed, detail, "
            + "fix) and nothing else.")
    boolean json;

    @Option(names = "--service-url", paramLabel = "NAME=URL",
            description = "A service's address, e.g. migration-service=http://10.0.0.5:8082 (repeatable; default: the "
                    + "local stack's, http://$JSONMIG_SERVICE_HOST:$JSONMIG_<NAME>_PORT).")
    Map<String, String> serviceUrls = new LinkedHashMap<>();

    private final PreflightRun preflight;

    public PreflightCommand(PreflightRun preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        RunSpec runSpec = run.toSpec(spec, System.getProperty("user.name", "operator"), Instant.now());
        checkServiceUrls();
        Checklist checklist = new Checklist(spec.commandLine().getOut(), Marks.forStdout());
        List<ChecklistItem> items = preflight.run(runSpec, serviceUrls, json ? item -> { } : checklist::print);
        boolean passed = items.stream().allMatch(ChecklistItem::passed);
        if (json) {
            spec.commandLine().getOut().println(document(items, passed));
        } else {
            spec.commandLine().getOut().println(Checklist.summary(items));
        }
        spec.commandLine().getOut().flush();
        return passed ? ExitCodes.OK : ExitCodes.PREFLIGHT_FAILED;
    }

    private void checkServiceUrls() {
        for (Map.Entry<String, String> entry : serviceUrls.entrySet()) {
            if (!StackSettings.SERVICES.contains(entry.getKey())) {
                throw new ParameterException(spec.commandLine(), "--service-url " + entry.getKey() + "=...: no service "
                        + entry.getKey() + "; expected one of " + StackSettings.SERVICES);
            }
            try {
                URI uri = URI.create(entry.getValue());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("expected http(s)://host:port");
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--service-url " + entry.getKey() + "="
                        + entry.getValue() + " is not a usable URL: " + e.getMessage());
            }
        }
    }

    private static String document(List<ChecklistItem> items, boolean passed) {
        ObjectNode document = EventJson.mapper().createObjectNode();
        long ok = items.stream().filter(ChecklistItem::passed).count();
        document.put("passed", passed).put("passedCount", ok).put("failedCount", items.size() - ok);
        document.set("checks", EventJson.mapper().valueToTree(items));
        try {
            return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
