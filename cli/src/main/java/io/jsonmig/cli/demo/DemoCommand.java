package io.jsonmig.cli.demo;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.CliVersion;
import io.jsonmig.cli.database.DatabaseLogin;
import io.jsonmig.cli.stack.ComponentStatus;
import io.jsonmig.cli.stack.LocalStack;
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
                "The demo database comes from JSONMIG_TARGET_DEMO_URL. The demo drops",
                "it only if it is named jsonmig_demo or the demo created it (its",
                "COMMENT ON DATABASE says so), and never when it is the ledger",
                "(JSONMIG_DB_URL) or the 'local' target: it refuses with exit 1.",
                "",
                "Exit codes: 0 verification passed, cut-over ready; 1 the stack could",
                "not start or is not healthy, or the demo database may not be dropped;",
                "2 rolled back; 3 failed; 4 timed out or no such run (as jsonmig watch)."})
public class DemoCommand implements Callable<Integer> {

    static final String PROFILE = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to watch the run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final LocalStack stack;
    private final DemoDatabase demoDatabase;
    private final MigrationRequests requests;
    private final RunWatcher watcher;

    public DemoCommand(LocalStack stack, DemoDatabase demoDatabase, MigrationRequests requests, RunWatcher watcher) {
        this.stack = stack;
        this.demoDatabase = demoDatabase;
        this.requests = requests;
        this.watcher = watcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StackSettings settings = stack.settings();
        // before anything starts: a database the demo may not drop stops it here
        demoDatabase.requireDroppable();

        out.println("== 1. Local stack");
        List<ComponentStatus> components = stack.up(true, out);
        StatusTable.print(components, out);
        requireHealthy(components);

        out.println();
        out.println("== 2. Demo target database");
        DatabaseLogin demo = demoDatabase.recreate();
        out.printf("Dropped and recreated database %s (target profile '%s', %s): the demo starts from an empty "
                + "database.%n", demo.url().database(), PROFILE, demo.url().url());

        out.println();
        out.println("== 3. Migration run");
        Path example = settings.home().resolve("examples").resolve("blog");
        Path source = example.resolve("data");
        out.printf("Source: %s (read only; the run snapshots it first)%n", source);
        RunSpec runSpec = blogRun(example);
        EventEnvelope request = requests.publish(runSpec);
        String id = request.migrationId();
        out.printf("Started run %s: schema %s, mapping %s -> target profile '%s'%n%n", id, runSpec.schemaDir(),
                runSpec.mappingFile(), PROFILE);
        out.flush();

        WatchResult result = watcher.watch(id, timeout, out, spec.commandLine().getErr());
        RunSummary.print(result, timeout, out);
        printWhereToLook(result, settings, demo, out);
        return result.outcome().exitCode();
    }

    /** The demo runs only on a stack whose every component answers. */
    static void requireHealthy(List<ComponentStatus> components) {
        List<String> unhealthy = components.stream().filter(c -> !c.healthy())
                .map(c -> c.name() + " (" + c.state() + " at " + c.address() + ")").toList();
        if (!unhealthy.isEmpty()) {
            throw new CliException("the stack is not healthy, so the demo does not start a run: "
                    + String.join(", ", unhealthy) + "; see 'jsonmig stack status' and the logs");
        }
    }

    private static RunSpec blogRun(Path example) {
        try {
            return new RunRequest(example.resolve("data").toString(), example.resolve("schema").toString(),
                    example.resolve("mapping.json").toString(), PROFILE).toSpec(System.getProperty("user.name", "demo"));
        } catch (RunRequest.InvalidRunRequestException e) {
            throw new CliException("the blog example is incomplete in " + example + " (is JSONMIG_HOME the "
                    + "repository?): " + String.join("; ", e.problems()), e);
        }
    }

    private static void printWhereToLook(WatchResult result, StackSettings settings, DatabaseLogin db,
                                         PrintWriter out) {
        String id = result.state().migrationId();
        out.println();
        out.println("Where to look");
        String notifications = settings.service("notification-service").baseUrl();
        out.printf("  status page   %s/status/%s%n", notifications, id);
        out.printf("  timeline      %s/migrations/%s%n", notifications, id);
        out.printf("  report        %s%n", result.reportLocation() != null ? result.reportLocation()
                : settings.service("verification-service").baseUrl() + "/verifications/" + id);
        out.printf("  logs          %s%n", settings.layout().logs());
        out.printf("  target data   psql -h %s%s -U %s -d %s -c 'select count(*) from users'%n", db.url().host(),
                db.url().port() == 5432 ? "" : " -p " + db.url().port(), db.user(), db.url().database());
        out.flush();
    }
}
