package io.jsonmig.bench;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.ServiceProcess;
import io.jsonmig.testing.TestFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backs up a generated source of about 1 GB with the packaged backup-service (a process of its own,
 * -Xmx256m, driven only through Kafka events) and, in the same run, times {@code cp -r} and
 * {@code sha256sum} of the same files; prints both rates and their ratio. Every process, database
 * and file it creates is removed when its JVM ends, also when it fails or is interrupted.
 */
public final class BackupBenchmark {

    /** The target: the backup at least half as fast as cp + sha256sum. */
    static final double TARGET_RATIO = 0.5;

    private static final PrintStream OUT = System.out;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final BenchConfig config;
    private final Path work;
    private final Report report;

    private BackupBenchmark(BenchConfig config, Path work) {
        this.config = config;
        this.work = work;
        this.report = new Report(OUT);
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            BenchConfig config = BenchConfig.fromSystemProperties();
            Path work = Files.createTempDirectory(Files.createDirectories(config.workDir()), "jsonmig-bench-");
            // a hook, not a finally: it also runs when the benchmark is interrupted
            onExit(() -> TestFiles.deleteTree(work));
            new BackupBenchmark(config, work).run();
            exitCode = 0;
        } catch (Exception | AssertionError e) {
            OUT.flush();
            System.err.println("\nBENCHMARK FAILED: " + (e.getMessage() == null ? e : e.getMessage()));
        }
        // exit explicitly: the Kafka clients' threads would keep the JVM alive; the hooks stop the broker
        System.exit(exitCode);
    }

    private void run() throws IOException {
        Path sourceDir = Files.createDirectory(work.resolve("source"));
        Path schemaDir = Files.createDirectory(work.resolve("schema"));
        Files.writeString(schemaDir.resolve("V1__bench.sql"), "-- the backup phase does not read the schema\n");
        Path warmUpDir = Files.createDirectory(work.resolve("warm-up"));
        SourceGenerator.generate(warmUpDir, config.layout(), 64 * 1024, config.seed());

        long start = System.nanoTime();
        SourceGenerator.Generated source = SourceGenerator.generate(sourceDir, config.layout(), config.sizeBytes(),
                config.seed());
        report.source(source, config.seed(), System.nanoTime() - start);

        String bootstrap = KafkaBrokerResource.bootstrapServers();
        TestDatabases databases = new TestDatabases();
        String ledger = databases.create("bench_ledger");
        onExit(() -> databases.drop(ledger));
        RunSpec spec = new RunSpec(sourceDir.toString(), schemaDir.toString(), null, "bench", "jsonmig-bench");
        RunSpec warmUp = new RunSpec(warmUpDir.toString(), schemaDir.toString(), null, "bench", "jsonmig-bench");
        List<Report.ServiceRun> runs = new ArrayList<>();
        try (EventProbe probe = new EventProbe(bootstrap)) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "JSONMIG_KAFKA_BOOTSTRAP", bootstrap,
                    "JSONMIG_DB_URL", databases.url(ledger),
                    "JSONMIG_DB_USER", databases.user(),
                    "JSONMIG_DB_PASSWORD", databases.password(),
                    "JSONMIG_ALLOWED_ROOTS", work.toString()));
            for (Variant variant : Variant.configured(config)) {
                runs.add(backUp(probe, env, variant, source, spec, warmUp));
            }
        }
        report.results(source.bytes(), runs);
    }

    /**
     * Starts the service for the variant, lets it back up a tiny source once (so its consumer has
     * joined the group and its code is loaded, as for a service that is already running), then times
     * each backup of the benchmark source from publishing the request to receiving backup.completed,
     * each right after a timing of cp + sha256sum of the same files.
     */
    private Report.ServiceRun backUp(EventProbe probe, Map<String, String> baseEnv, Variant variant,
                                     SourceGenerator.Generated source, RunSpec spec, RunSpec warmUp) {
        Path snapshots = work.resolve("snapshots-" + variant.name());
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("JSONMIG_SNAPSHOT_ROOT", snapshots.toString());
        env.putAll(variant.env());
        Path log = work.resolve("backup-service-" + variant.name() + ".log");
        report.progress("backup-service " + variant.name() + ": starting");
        try (ServiceProcess service = ServiceProcess.start(config.serviceJar(), config.serviceXmx(),
                config.serviceJavaOptions(), env, LocalKafkaBroker.freePort(), log, STARTUP_TIMEOUT)) {
            SnapshotStorage stored = backUpOnce(probe, service, variant, warmUp).storage();
            if (!variant.appliedIn(stored)) {
                return new Report.ServiceRun(variant.name(), List.of(), List.of(), 0, false, "the service stored the snapshot as "
                        + stored.compression() + "/" + stored.encryption() + ": it does not support "
                        + String.join(" / ", variant.env().keySet()) + " yet");
            }
            List<Long> times = new ArrayList<>();
            List<CopyBaseline.Timing> floors = new ArrayList<>();
            for (int i = 1; i <= config.repeat(); i++) {
                // each backup right after its own cp + sha256sum, so that both see the same load on the machine
                report.progress("cp -r + sha256sum, run " + i + " of " + config.repeat());
                floors.add(CopyBaseline.measure(source.dir(), source.files(), work.resolve("cp-copy")));
                PageCache.warm(source.files());
                report.progress("backup-service " + variant.name() + ": backing up " + source.files().size()
                        + " file(s), run " + i + " of " + config.repeat());
                long start = System.nanoTime();
                SnapshotSummary snapshot = backUpOnce(probe, service, variant, spec);
                times.add(System.nanoTime() - start);
                if (snapshot.bytes() != source.bytes()) {
                    throw new IllegalStateException("the snapshot holds " + snapshot.bytes() + " bytes, the source "
                            + source.bytes());
                }
                TestFiles.deleteTree(Path.of(snapshot.location()));
            }
            boolean outOfMemory = service.reportedOutOfMemory() || !service.isAlive();
            return new Report.ServiceRun(variant.name(), times, floors, service.peakRssBytes(), outOfMemory, null);
        } finally {
            TestFiles.deleteTree(snapshots);
        }
    }

    private SnapshotSummary backUpOnce(EventProbe probe, ServiceProcess service, Variant variant, RunSpec spec) {
        String id = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(id, 1, "jsonmig-bench", "", new MigrationRequested(spec), Instant.now()));
        EventEnvelope outcome = awaitOutcome(probe, id, service);
        if (outcome.type() == EventType.PHASE_FAILED) {
            PhaseFailed failed = outcome.payloadAs(PhaseFailed.class);
            throw new IllegalStateException("backup-service (" + variant.name() + ") failed the backup of "
                    + spec.sourceDir() + ": " + failed.reason() + problems(failed.problems())
                    + "\nits log ends:\n" + service.logTail());
        }
        return outcome.payloadAs(BackupCompleted.class).snapshot();
    }

    /** Waits for the run's backup.completed or phase.failed; a service that dies meanwhile fails at once. */
    private EventEnvelope awaitOutcome(EventProbe probe, String id, ServiceProcess service) {
        Duration timeout = Duration.ofMinutes(5).plusSeconds(config.sizeMb());
        return probe.awaitMatching(id, e -> {
            if (!service.isAlive()) {
                throw new IllegalStateException("backup-service exited during the backup"
                        + (service.reportedOutOfMemory() ? " (OutOfMemoryError)" : "") + "; its log ends:\n"
                        + service.logTail());
            }
            return e.type() == EventType.BACKUP_COMPLETED || e.type() == EventType.PHASE_FAILED;
        }, "backup.completed or phase.failed", timeout);
    }

    /** Cleans up when the JVM ends, whether the benchmark finished, failed or was interrupted. */
    private static void onExit(Runnable cleanup) {
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "jsonmig-bench-cleanup"));
    }

    private static String problems(List<String> problems) {
        return problems == null || problems.isEmpty() ? "" : "\n  - " + String.join("\n  - ", problems);
    }
}
