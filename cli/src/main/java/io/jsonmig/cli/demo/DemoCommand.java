package io.jsonmig.cli.demo;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.database.DatabaseAdmin;
import io.jsonmig.cli.database.DatabaseLogin;
import io.jsonmig.cli.stack.ComponentStatus;
import io.jsonmig.cli.stack.LocalStack;
import io.jsonmig.cli.stack.ServiceDefinition;
import io.jsonmig.cli.stack.StackSettings;
import io.jsonmig.cli.stack.StatusTable;
import io.jsonmig.cli.start.MigrationRequests;
import io.jsonmig.cli.start.RunRequest;
import io.jsonmig.cli.watch.DurationConverter;
import io.jsonmig.cli.watch.RunSummary;
import io.jsonmig.cli.watch.RunWatcher;
import io.jsonmig.cli.watch.WatchResult;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        header = "Run the whole flow on examples/blog.",
        description = {
                "Starts the stack (or reuses it), DROPS AND RECREATES the demo target",
                "database (jsonmig_demo, target profile 'demo'), starts a run on",
                "examples/blog (40 users, 120 posts, 300 comments), watches it, and",
                "prints its summary and where to look. The JSON files in",
                "examples/blog/data are only read."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./jsonmig demo",
                "  ./jsonmig demo --timeout 20m",
                "",
                "The demo database comes from JSONMIG_TARGET_DEMO_URL; its name must",
                "contain 'demo', so the demo never drops anything else.",
                "",
                "Exit codes: 0 verification passed, cut-over ready; 1 the stack could",
                "not start; 2 rolled back; 3 failed; 4 timed out (as jsonmig watch)."})
public class DemoCommand implements Callable<Integer> {

    static final String PROFILE = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to watch the run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final LocalStack stack;
    private final DatabaseAdmin databases;
    private final MigrationRequests requests;
    private final RunWatcher watcher;

    public DemoCommand(LocalStack stack, DatabaseAdmin databases, MigrationRequests requests, RunWatcher watcher) {
        this.stack = stack;
        this.databases = databases;
        this.requests = requests;
        this.watcher = watcher;
    }

    @Override
    public Integer call() throws RunRequest.InvalidRunRequestException {
        PrintWriter out = spec.commandLine().getOut();
        StackSettings settings = stack.settings();
        DatabaseLogin demoDatabase = settings.demoTarget();
        if (!demoDatabase.url().database().contains(PROFILE)) {
            throw new CliException("JSONMIG_TARGET_DEMO_URL names database '" + demoDatabase.url().database()
                    + "': the demo drops and recreates it, so its name must contain 'demo'");
        }

        out.println("== 1. Local stack");
        List<ComponentStatus> components = stack.up(true, out);
        StatusTable.print(components, out);

        out.println();
        out.println("== 2. Demo target database");
        databases.recreate(demoDatabase);
        out.printf("Dropped and recreated database %s (target profile '%s', %s): the demo starts from an empty "
                + "database.%n", demoDatabase.url().database(), PROFILE, demoDatabase.url().url());

        out.println();
        out.println("== 3. Migration run");
        Path example = settings.home().resolve("examples").resolve("blog");
        Path source = example.resolve("data");
        out.printf("Source: %s (read only; the run snapshots it first)%n", source);
        RunSpec runSpec = new RunRequest(source.toString(), example.resolve("schema").toString(),
                example.resolve("mapping.json").toString(), PROFILE).toSpec(System.getProperty("user.name", "demo"));
        EventEnvelope request = requests.publish(runSpec);
        String id = request.migrationId();
        out.printf("Started run %s: schema %s, mapping %s -> target profile '%s'%n%n", id, runSpec.schemaDir(),
                runSpec.mappingFile(), PROFILE);
        out.flush();

        WatchResult result = watcher.watch(id, timeout, out, spec.commandLine().getErr());
        RunSummary.print(result, timeout, out);
        printWhereToLook(result, settings, demoDatabase, out);
        return result.outcome().exitCode();
    }

    private static void printWhereToLook(WatchResult result, StackSettings settings, DatabaseLogin db,
                                         PrintWriter out) {
        String id = result.state().migrationId();
        out.println();
        out.println("Where to look");
        out.printf("  status page   %s/migrations/%s%n", service(settings, "notification-service").baseUrl(), id);
        out.printf("  report        %s%n", result.reportLocation() != null ? result.reportLocation()
                : service(settings, "verification-service").baseUrl() + "/verifications/" + id);
        out.printf("  logs          %s%n", settings.layout().logs());
        out.printf("  target data   psql -h %s%s -U %s -d %s -c 'select count(*) from users'%n", db.url().host(),
                db.url().port() == 5432 ? "" : " -p " + db.url().port(), db.user(), db.url().database());
        out.flush();
    }

    private static ServiceDefinition service(StackSettings settings, String name) {
        return settings.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
