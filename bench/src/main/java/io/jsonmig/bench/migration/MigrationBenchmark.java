package io.jsonmig.bench.migration;

import io.jsonmig.bench.PageCache;
import io.jsonmig.testing.ServiceProcess;
import io.jsonmig.testing.tracing.OtlpReceiver;
import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.bench.placeholder.PlaceholderGenerator;
import io.jsonmig.bench.placeholder.PlaceholderScale;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.TestFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a generated JSONPlaceholder-shaped {@code db.json} (about a million records) three ways and
 * prints rows/s of each and their ratios: (a) the same rows as CSV through PgJDBC's
 * {@code CopyManager.copyIn} (the floor, timed right before and right after (b)), (b) jsonmig — the
 * packaged backup-service and migration-service as processes driven only through Kafka events, timed
 * from backup.completed to data.migrated, and (v) the packaged verification-service, timed from
 * data.migrated to verification.passed, (c) one autocommitted {@code INSERT} per row for a sample. Every process, database
 * and file it creates is removed when its JVM ends, also when it fails or is interrupted.
 */
public final class MigrationBenchmark {

    private static final PrintStream OUT = System.out;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final String PROFILE = "bench";
    private static final String WARM_UP_PROFILE = "warmup";

    private final MigrationBenchConfig config;
    private final Path work;
    private final MigrationReport report = new MigrationReport(OUT);
    private final TestDatabases databases = new TestDatabases();

    private MigrationBenchmark(MigrationBenchConfig config, Path work) {
        this.config = config;
        this.work = work;
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            MigrationBenchConfig config = MigrationBenchConfig.fromSystemProperties();
            Path work = Files.createTempDirectory(Files.createDirectories(config.workDir()), "jsonmig-bench-migration-");
            // a hook, not a finally: it also runs when the benchmark is interrupted
            onExit(() -> TestFiles.deleteTree(work));
            new MigrationBenchmark(config, work).run();
            exitCode = 0;
        } catch (Exception | AssertionError e) {
            OUT.flush();
            System.err.println("\nBENCHMARK FAILED: " + (e.getMessage() == null ? e : e.getMessage()));
        }
        // exit explicitly: the Kafka clients' threads would keep the JVM alive; the hooks stop the broker
        System.exit(exitCode);
    }

    private void run() throws IOException, SQLException {
        PlaceholderScale scale = config.sizeMb() > 0
                ? PlaceholderGenerator.scaleForBytes(config.sizeBytes(), config.seed())
                : PlaceholderScale.ofRecords(config.records());
        Path sourceDir = Files.createDirectory(work.resolve("source"));
        Path csvDir = Files.createDirectory(work.resolve("csv"));
        long start = System.nanoTime();
        PlaceholderGenerator.Generated source = PlaceholderGenerator.generate(sourceDir.resolve("db.json"), csvDir,
                scale, config.seed());
        report.source(source, config.seed(), System.nanoTime() - start);
        Path warmUpDir = Files.createDirectory(work.resolve("warm-up"));
        PlaceholderGenerator.generate(warmUpDir.resolve("db.json"), null, new PlaceholderScale(1), config.seed());
        Path schemaDir = PlaceholderSchema.writeSchemaDir(work.resolve("schema"));
        Path mapping = PlaceholderSchema.writeMapping(work.resolve("mapping.json"));

        // the floor right before and right after jsonmig, so that both see the same load on the machine
        LoadTiming floorBefore = floor(source, "before (b)");
        // a window keeps the run STABILIZING after its cut-over, so that it can be rolled back with its writes
        Stabilization window = config.reverse() ? Stabilization.of(Duration.ofHours(1)) : null;
        RunSpec spec = new RunSpec(sourceDir.toString(), schemaDir.toString(), mapping.toString(), PROFILE,
                "jsonmig-bench").withStabilization(window);
        RunSpec warmUp = new RunSpec(warmUpDir.toString(), schemaDir.toString(), mapping.toString(), WARM_UP_PROFILE,
                "jsonmig-bench").withStabilization(window);
        // before (b), whose rollback writes the application's changes into the source's db.json
        Observed observed = config.tracing() ? observe(source, spec, warmUp) : null;
        MigrationReport.JsonmigRun jsonmig = jsonmig("(b)", source, spec, warmUp, Map.of(), config.reverse());
        if (observed != null) {
            report.observability(observed.dark(), jsonmig, observed.traced(), observed.spans());
        }
        LoadTiming floorAfter = floor(source, "after (b)");
        // the faster of the two: the ratio errs on the strict side
        LoadTiming floor = floorBefore.nanos() <= floorAfter.nanos() ? floorBefore : floorAfter;
        LoadTiming naive = naive();
        report.naive(naive);
        report.summary(source.bytes(), floor, jsonmig, naive, config.jvm());
    }

    /** The runs with metrics and tracing off (o) and with both on (t), round by round, and the spans (t) exported. */
    private record Observed(List<MigrationReport.JsonmigRun> dark, List<MigrationReport.JsonmigRun> traced, int spans) {
    }

    private Observed observe(PlaceholderGenerator.Generated source, RunSpec spec, RunSpec warmUp)
            throws IOException, SQLException {
        List<MigrationReport.JsonmigRun> dark = new ArrayList<>();
        List<MigrationReport.JsonmigRun> traced = new ArrayList<>();
        int spans = 0;
        for (int round = 1; round <= config.tracingRounds(); round++) {
            String of = config.tracingRounds() == 1 ? "" : " " + round + "/" + config.tracingRounds();
            // (o) every meter denied and nothing traced: what (b) and (t) are measured against
            dark.add(jsonmig("(o)" + of, source, spec, warmUp, Map.of("JSONMIG_METRICS_ENABLED", "false"), false));
            // (t) metrics on and every service exporting its spans, as with JSONMIG_OTEL_ENDPOINT set
            try (OtlpReceiver receiver = OtlpReceiver.start()) {
                traced.add(jsonmig("(t)" + of, source, spec, warmUp,
                        Map.of("JSONMIG_OTEL_ENDPOINT", receiver.endpoint()), false));
                spans = receiver.spans().size();
            }
        }
        return new Observed(dark, traced, spans);
    }

    /** (a) The CSV files into a fresh database with the same schema, one COPY per table. */
    private LoadTiming floor(PlaceholderGenerator.Generated source, String when) throws SQLException {
        String database = createDatabase("bench_floor");
        try (Connection connection = databases.connect(database)) {
            PlaceholderSchema.apply(connection);
            PageCache.warm(List.copyOf(source.csvFiles().values()));
            report.progress("(a) COPY of " + source.csvFiles().size() + " CSV files, " + when);
            LoadTiming timing = CsvCopyFloor.load(connection, source.csvFiles());
            requireRows(connection, source.records(), "the COPY floor");
            report.floor(timing, when);
            return timing;
        } finally {
            databases.drop(database);
        }
    }

    /** (c) A smaller source of the same shape, one autocommitted INSERT per record. */
    private LoadTiming naive() throws SQLException {
        String database = createDatabase("bench_naive");
        try (Connection connection = databases.connect(database)) {
            PlaceholderSchema.apply(connection);
            PlaceholderScale sample = PlaceholderScale.ofRecords(config.naiveSample());
            report.progress("(c) " + sample.total() + " INSERTs, autocommit");
            LoadTiming timing = NaiveInserts.load(connection, sample, config.seed());
            requireRows(connection, sample.counts(), "the naive inserts");
            return timing;
        } finally {
            databases.drop(database);
        }
    }

    /**
     * (b) Starts a broker, backup-service and migration-service (each its own process, configured only by
     * its environment), runs a small warm-up migration into a database of its own (consumers joined,
     * code loaded, as for services that are already running), then the measured one.
     */
    private MigrationReport.JsonmigRun jsonmig(String label, PlaceholderGenerator.Generated source, RunSpec spec,
                                               RunSpec warmUp,
                                               Map<String, String> extraEnv, boolean reverse) throws SQLException {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        String ledger = createDatabase("bench_ledger");
        String target = createDatabase("bench_target");
        String warmUpTarget = createDatabase("bench_warmup");
        Map<String, String> env = new HashMap<>(Map.of(
                "JSONMIG_KAFKA_BOOTSTRAP", bootstrap,
                "JSONMIG_DB_URL", databases.url(ledger),
                "JSONMIG_DB_USER", databases.user(),
                "JSONMIG_DB_PASSWORD", databases.password(),
                "JSONMIG_ALLOWED_ROOTS", work.toString(),
                "JSONMIG_SNAPSHOT_ROOT", work.resolve("snapshots").toString()));
        env.putAll(extraEnv);
        Map<String, String> migrationEnv = new HashMap<>(env);
        migrationEnv.put("JSONMIG_REJECTS_DIR", work.resolve("rejects").toString());
        targetProfile(migrationEnv, PROFILE, target);
        targetProfile(migrationEnv, WARM_UP_PROFILE, warmUpTarget);
        Map<String, String> verificationEnv = new HashMap<>(env);
        targetProfile(verificationEnv, PROFILE, target);
        targetProfile(verificationEnv, WARM_UP_PROFILE, warmUpTarget);
        try (EventProbe probe = new EventProbe(bootstrap)) {
            report.progress("starting backup-service, migration-service and verification-service (" + config.jvm()
                    + ")");
            try (ServiceProcess backup = start(config.backupJar(), env, "backup-service");
                 ServiceProcess migration = start(config.migrationJar(), migrationEnv, "migration-service");
                 ServiceProcess verification = start(config.verificationJar(), verificationEnv,
                         "verification-service")) {
                List<ServiceProcess> services = List.of(backup, migration, verification);
                report.progress("warm-up migration of " + PlaceholderCollection.RECORDS_PER_UNIT + " records");
                Migrated warmedUp = migrate(probe, warmUp, services);
                if (reverse) {
                    report.progress("warm-up rollback after the cut-over");
                    rollBack(probe, warmedUp.id(), warmUp, warmUpTarget, services);
                }
                PageCache.warm(List.of(source.dbJson()));
                report.progress(label + " jsonmig" + (extraEnv.isEmpty() ? "" : " with " + extraEnv.keySet())
                        + ": backing up and migrating " + source.totalRecords() + " records");
                Migrated migrated = migrate(probe, spec, services);
                DataMigrated payload = migrated.payload();
                if (payload.totalRows() != source.totalRecords() || payload.totalRejected() != 0) {
                    throw new IllegalStateException("data.migrated reports " + payload.totalRows() + " rows and "
                            + payload.totalRejected() + " rejected records; the source holds " + source.totalRecords()
                            + " records: " + payload.tables());
                }
                try (Connection connection = databases.connect(target)) {
                    requireRows(connection, source.records(), "migration-service");
                }
                MigrationReport.JsonmigRun forward = new MigrationReport.JsonmigRun(
                        new LoadTiming(payload.totalRows(), migrated.loadNanos()),
                        migrated.backupNanos(), payload.durationMillis(), payload.tables(), migrated.stages(),
                        migration.peakRssBytes(),
                        migration.reportedOutOfMemory() || !migration.isAlive(),
                        new LoadTiming(payload.totalRows(), migrated.verificationNanos()), verification.peakRssBytes(),
                        verification.reportedOutOfMemory() || !verification.isAlive(), migrated.forwardNanos(),
                        backup.peakRssBytes(), null);
                report.jsonmig(label, forward);
                if (!reverse) {
                    return forward;
                }
                report.progress("(r) rollback after the cut-over of " + source.totalRecords() + " records");
                RollbackRun rollback = rollBack(probe, migrated.id(), spec, target, services);
                report.rollback(rollback);
                return forward.withRollback(rollback);
            }
        } finally {
            databases.drop(ledger);
            databases.drop(target);
            databases.drop(warmUpTarget);
        }
    }

    /**
     * data.migrated and the times between the events: requested → backup.completed → data.migrated →
     * verification.passed.
     */
    private record Migrated(String id, DataMigrated payload, long backupNanos, long loadNanos,
                            List<MigrationReport.Stage> stages, long verificationNanos, long forwardNanos) {
    }

    private Migrated migrate(EventProbe probe, RunSpec spec, List<ServiceProcess> services) {
        String id = MigrationIds.newId(Clock.systemUTC());
        EventEnvelope requested = probe.publish(EventEnvelope.of(id, 1, "jsonmig-bench", "",
                new MigrationRequested(spec), Instant.now()));
        long megabytes = sourceMegabytes(spec);
        EventEnvelope backedUp = awaitOutcome(probe, id, EventType.BACKUP_COMPLETED, services,
                Duration.ofMinutes(5).plusSeconds(megabytes));
        EventEnvelope migrated = awaitOutcome(probe, id, EventType.DATA_MIGRATED, services,
                Duration.ofMinutes(10).plusSeconds(2 * megabytes));
        DataMigrated payload = migrated.payloadAs(DataMigrated.class);
        EventEnvelope verified = awaitOutcome(probe, id, EventType.VERIFICATION_PASSED, services,
                Duration.ofMinutes(10).plusSeconds(2 * megabytes));
        EventEnvelope cutOver = awaitOutcome(probe, id, EventType.CUTOVER_READY, services, Duration.ofMinutes(2));
        awaitLastTableProgress(probe, id, payload);
        // the services' own timestamps: the probe's polling would add up to its poll interval
        return new Migrated(id, payload, Duration.between(requested.occurredAt(), backedUp.occurredAt()).toNanos(),
                Duration.between(backedUp.occurredAt(), migrated.occurredAt()).toNanos(),
                stages(probe.eventsOf(id), payload, backedUp.occurredAt(), migrated.occurredAt()),
                Duration.between(migrated.occurredAt(), verified.occurredAt()).toNanos(),
                Duration.between(requested.occurredAt(), cutOver.occurredAt()).toNanos());
    }

    /**
     * (r) Acts as the application on PostgreSQL during the window ({@link ApplicationWrites}), then asks for a
     * rollback as {@code ./jsonmig rollback} does and times it until datasource.reverted; the peak RSS of every
     * service is measured for the rollback alone; the restored db.json is checked against the fenced tables.
     */
    private RollbackRun rollBack(EventProbe probe, String id, RunSpec spec, String database,
                                 List<ServiceProcess> services) throws SQLException {
        Map<PlaceholderCollection, ApplicationWrites.Counts> writes;
        try (Connection app = databases.connect(database)) {
            writes = ApplicationWrites.apply(app);
        }
        services.forEach(service -> PeakRss.reset(service.pid()));
        Map<String, Boolean> oomBefore = new java.util.LinkedHashMap<>();
        services.forEach(service -> oomBefore.put(service.log().getFileName().toString(),
                service.reportedOutOfMemory()));
        EventEnvelope requested = probe.publish(EventEnvelope.of(id, 1, "jsonmig-bench", "operator-rollback",
                RollbackRequested.afterCutover(RollbackTrigger.PERFORMANCE, "jsonmig-bench times the rollback", spec),
                Instant.now()));
        long megabytes = sourceMegabytes(spec);
        EventEnvelope reverted = probe.awaitMatching(id, e -> {
            for (ServiceProcess service : services) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("a service exited during the rollback"
                            + (service.reportedOutOfMemory() ? " (OutOfMemoryError)" : "") + "; its log ends:\n"
                            + service.logTail());
                }
            }
            if (e.type() == EventType.PHASE_FAILED
                    || e.payload() instanceof RollbackStepCompleted step && !step.succeeded()) {
                StringBuilder logs = new StringBuilder();
                services.forEach(sv -> logs.append("\n--- log of pid ").append(sv.pid()).append(" ends:\n")
                        .append(sv.logTail()));
                throw new IllegalStateException("the rollback failed: " + e.payload().describe() + logs);
            }
            return e.type() == EventType.DATASOURCE_REVERTED;
        }, "datasource.reverted", Duration.ofMinutes(10).plusSeconds(3 * megabytes));
        Map<String, Long> peaks = new java.util.LinkedHashMap<>();
        Map<String, Boolean> oom = new java.util.LinkedHashMap<>();
        for (ServiceProcess service : services) {
            String name = service.log().getFileName().toString().replace(".log", "");
            peaks.put(name, service.peakRssBytes());
            oom.put(name, !service.isAlive() || service.reportedOutOfMemory() && !oomBefore.get(name + ".log"));
        }
        EventEnvelope exported = probe.await(id, EventType.REVERSE_SYNC_EXPORTED, Duration.ofSeconds(30));
        EventEnvelope verified = probe.await(id, EventType.REVERSE_SYNC_VERIFIED, Duration.ofSeconds(30));
        WriteFence fence = exported.payloadAs(ReverseSyncExported.class).fence();
        boolean fenced;
        RestoredDbJson.Check restored;
        try (Connection app = databases.connect(database)) {
            fenced = writesFail(app);
            restored = RestoredDbJson.check(Path.of(spec.sourceDir(), "db.json"), writes, app);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the restored db.json", e);
        }
        return new RollbackRun(Duration.between(requested.occurredAt(), fence.fencedAt()).toNanos(), fence.lockMillis(),
                Duration.between(fence.fencedAt(), exported.occurredAt()).toNanos(),
                Duration.between(exported.occurredAt(), verified.occurredAt()).toNanos(),
                Duration.between(verified.occurredAt(), reverted.occurredAt()).toNanos(),
                Duration.between(requested.occurredAt(), reverted.occurredAt()).toNanos(), writes,
                reverted.payloadAs(DatasourceReverted.class).carriedBack(), peaks, oom, restored, fenced);
    }

    /** After the fence, the application's writes must fail loudly. */
    private static boolean writesFail(Connection app) {
        try (Statement s = app.createStatement()) {
            s.executeUpdate("UPDATE users SET name = name WHERE id = 1");
            return false;
        } catch (SQLException expected) {
            return expected.getMessage().contains("in progress: writes go to the JSON files");
        }
    }

    /** Progress travels on its own topic: data.migrated may arrive before the last table's progress event. */
    private static void awaitLastTableProgress(EventProbe probe, String id, DataMigrated migrated) {
        if (migrated.tables().isEmpty()) {
            return;
        }
        String last = migrated.tables().get(migrated.tables().size() - 1).table();
        try {
            probe.awaitMatching(id, e -> e.payload() instanceof Progress p && p.phase() == Phase.MIGRATION
                    && p.item().equals(last) && p.done() == p.total(), "progress of " + last, Duration.ofSeconds(15));
        } catch (AssertionError none) {
            // no timeline then (stages() finds the event missing); the measurement itself stands
        }
    }

    /**
     * Where the load time went, from the migration-service's progress events: until the first table is
     * complete (preflight, catalog capture, schema, and the first table), each further table from the
     * previous table's completion, and the rest until data.migrated.
     */
    private static List<MigrationReport.Stage> stages(List<EventEnvelope> events, DataMigrated migrated,
                                                      Instant backedUp, Instant done) {
        Map<String, Instant> completed = new HashMap<>();
        for (EventEnvelope event : events) {
            if (event.payload() instanceof Progress progress && progress.phase() == Phase.MIGRATION
                    && progress.done() == progress.total()) {
                completed.merge(progress.item(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<MigrationReport.Stage> stages = new ArrayList<>();
        Instant previous = backedUp;
        for (TableLoad table : migrated.tables()) {
            Instant end = completed.get(table.table());
            if (end == null) {
                return List.of(); // a table without its completion event: no timeline rather than a wrong one
            }
            // the first stage is mostly preflight and schema: a rate of its rows would mislead
            stages.add(stages.isEmpty()
                    ? new MigrationReport.Stage("preflight + schema + " + table.table(),
                            Duration.between(previous, end).toNanos(), 0)
                    : new MigrationReport.Stage(table.table(), Duration.between(previous, end).toNanos(), table.rows()));
            previous = end;
        }
        stages.add(new MigrationReport.Stage("until data.migrated", Duration.between(previous, done).toNanos(), 0));
        return stages;
    }

    /** Waits for the event or phase.failed; a service that dies meanwhile fails at once. */
    private static EventEnvelope awaitOutcome(EventProbe probe, String id, EventType expected,
                                              List<ServiceProcess> services, Duration timeout) {
        EventEnvelope outcome = probe.awaitMatching(id, e -> {
            for (ServiceProcess service : services) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("a service exited during the run"
                            + (service.reportedOutOfMemory() ? " (OutOfMemoryError)" : "") + "; its log ends:\n"
                            + service.logTail());
                }
            }
            return e.type() == expected || e.type() == EventType.PHASE_FAILED
                    || e.type() == EventType.VERIFICATION_FAILED;
        }, expected.wireName() + " or phase.failed", timeout);
        if (outcome.type() == EventType.VERIFICATION_FAILED) {
            throw new IllegalStateException(outcome.payload().describe() + " (report: "
                    + outcome.payloadAs(io.jsonmig.events.payload.VerificationFailed.class).reportLocation() + ")");
        }
        if (outcome.type() == EventType.PHASE_FAILED) {
            PhaseFailed failed = outcome.payloadAs(PhaseFailed.class);
            StringBuilder logs = new StringBuilder();
            services.forEach(s -> logs.append("\n--- log of pid ").append(s.pid()).append(" ends:\n").append(s.logTail()));
            throw new IllegalStateException(failed.describe() + problems(failed.problems()) + logs);
        }
        return outcome;
    }

    private ServiceProcess start(Path jar, Map<String, String> env, String name) {
        return ServiceProcess.start(jar, config.serviceXmx(), config.serviceJavaOptions(), env,
                LocalKafkaBroker.freePort(), work.resolve(name + ".log"), STARTUP_TIMEOUT);
    }

    private void targetProfile(Map<String, String> env, String profile, String database) {
        String prefix = "JSONMIG_TARGET_" + profile.toUpperCase(java.util.Locale.ROOT) + "_";
        env.put(prefix + "URL", databases.url(database));
        env.put(prefix + "USER", databases.user());
        env.put(prefix + "PASSWORD", databases.password());
    }

    private String createDatabase(String purpose) {
        String name = databases.create(purpose);
        onExit(() -> databases.drop(name));
        return name;
    }

    /** Every side must have loaded every row, or its rows/s mean nothing. */
    private static void requireRows(Connection connection, Map<PlaceholderCollection, Long> expected, String who)
            throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (PlaceholderCollection collection : PlaceholderCollection.values()) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM "
                        + Identifiers.quote(collection.table()))) {
                    count.next();
                    if (count.getLong(1) != expected.get(collection)) {
                        wrong.add(collection.table() + ": " + count.getLong(1) + " rows, expected "
                                + expected.get(collection));
                    }
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(who + " did not load every row: " + String.join("; ", wrong));
        }
    }

    private static long sourceMegabytes(RunSpec spec) {
        try {
            return Files.size(Path.of(spec.sourceDir(), "db.json")) >> 20;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Cleans up when the JVM ends, whether the benchmark finished, failed or was interrupted. */
    private static void onExit(Runnable cleanup) {
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "jsonmig-bench-cleanup"));
    }

    private static String problems(List<String> problems) {
        return problems == null || problems.isEmpty() ? "" : "\n  - " + String.join("\n  - ", problems);
    }
}
