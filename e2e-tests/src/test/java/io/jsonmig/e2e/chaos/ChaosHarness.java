package io.jsonmig.e2e.chaos;

import io.jsonmig.bench.migration.PlaceholderSchema;
import io.jsonmig.bench.placeholder.PlaceholderGenerator;
import io.jsonmig.bench.placeholder.PlaceholderScale;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.TestFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The chaos experiment of issue 8: the whole pipeline, four packaged services as processes on a
 * broker of its own, run after run on a generated JSONPlaceholder-shaped source, each run under its
 * plan of faults. Every run must end completed with every row as in the source, or cleanly rolled
 * back; it prints each run and {@code N/N correct end states} at the end. Used by {@code ChaosIT}
 * (and so by {@code e2e-tests/run-chaos.sh}).
 */
final class ChaosHarness implements AutoCloseable {

    /** What every run shares. */
    record Context(ChaosSettings settings, Path home, Path work, TestDatabases databases, ChaosBroker broker,
                   EventProbe probe, Path sourceTemplate, long totalRecords, Path schemaDir, Path mapping,
                   ExpectedTables expected) {
    }

    /** The generator's own seed: the data stay the same whatever the fault plans' seed. */
    private static final long DATA_SEED = 42;

    private final Context context;
    private final PrintStream out;

    private ChaosHarness(Context context, PrintStream out) {
        this.context = context;
        this.out = out;
    }

    /** Where the report is kept beside the runs' directories. */
    Path reportFile() {
        return context.work().resolve("chaos-report.txt");
    }

    /** Generates the source and its expected rows, starts the broker and connects the probe. */
    static ChaosHarness prepare(ChaosSettings settings, Path home, PrintStream console) throws IOException, SQLException {
        Path work = Files.createTempDirectory(Files.createDirectories(home.resolve("e2e-tests/target")), "chaos-");
        PrintStream out = new PrintStream(new TeeOutputStream(console, Files.newOutputStream(
                work.resolve("chaos-report.txt"))), true, java.nio.charset.StandardCharsets.UTF_8);
        out.println("chaos: seed " + settings.seed() + " (replay: --seed " + settings.seed() + "), work dir " + work);
        Path template = Files.createDirectories(work.resolve("source-template"));
        Path csv = Files.createDirectories(work.resolve("expected-csv"));
        PlaceholderGenerator.Generated source = PlaceholderGenerator.generate(template.resolve("db.json"), csv,
                PlaceholderScale.ofRecords(settings.records()), DATA_SEED);
        out.println("chaos: source of " + source.totalRecords() + " records (" + (source.bytes() >> 20) + " MB): "
                + source.records());
        TestDatabases databases = new TestDatabases();
        ExpectedTables expected = ExpectedTables.load(databases, source);
        TestFiles.deleteTree(csv);
        ChaosBroker broker = null;
        try {
            broker = ChaosBroker.start(work.resolve("broker"));
            EventProbe probe = new EventProbe(broker.bootstrapServers());
            Path schema = PlaceholderSchema.writeSchemaDir(work.resolve("schema"));
            Path mapping = PlaceholderSchema.writeMapping(work.resolve("mapping.json"));
            return new ChaosHarness(new Context(settings, home, work, databases, broker, probe, source.dbJson(),
                    source.totalRecords(), schema, mapping, expected), out);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            expected.close();
            throw e;
        }
    }

    /** The plans the settings ask for: one replayed, N random ones, or CI's one of each kind. */
    List<FaultPlan> plans() {
        ChaosSettings settings = context.settings();
        if (settings.runSeed().isPresent()) {
            return List.of(FaultPlanner.random(settings.runSeed().getAsLong(), settings.maxFaults()));
        }
        if (settings.runs() <= 0) {
            return FaultPlanner.oneOfEachKind(settings.seed());
        }
        Random random = new Random(settings.seed());
        List<FaultPlan> plans = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            plans.add(FaultPlanner.random(random.nextLong(), settings.maxFaults()));
        }
        return plans;
    }

    /** Runs every plan in turn, printing each run and the summary. */
    List<RunResult> runAll() throws IOException, SQLException {
        List<FaultPlan> plans = plans();
        List<RunResult> results = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < plans.size(); i++) {
            out.println("\nrun " + (i + 1) + "/" + plans.size() + ": " + plans.get(i).describe());
            RunResult result = new ChaosRun(context, i + 1, plans.get(i), out).execute();
            out.println(result.describe());
            results.add(result);
        }
        long correct = results.stream().filter(RunResult::correct).count();
        out.println("\nchaos: " + correct + "/" + results.size() + " correct end states (seed " + context.settings().seed()
                + ", " + context.totalRecords() + " records, " + RunObserver.seconds(Duration.between(start, Instant.now()))
                + ")");
        for (RunResult r : results) {
            out.println(String.format("  run %2d %-11s %-8s %7s  %s%s", r.number(), r.endState(),
                    r.correct() ? "correct" : "WRONG", RunObserver.seconds(r.duration()), r.plan().describe(),
                    r.correct() ? "" : "  logs: " + r.runDir()));
        }
        return results;
    }

    @Override
    public void close() {
        try {
            context.probe().close();
        } finally {
            out.close();
            context.broker().close();
            context.expected().close();
            TestFiles.deleteTree(context.work().resolve("source-template"));
        }
    }
}
