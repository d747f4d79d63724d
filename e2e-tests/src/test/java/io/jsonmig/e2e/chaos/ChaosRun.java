package io.jsonmig.e2e.chaos;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.TestFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run of the whole pipeline under faults: a fresh ledger and target database (the target holding
 * an unrelated table), a fresh copy of the source, the four services started; then
 * migration.requested, the plan's faults as their triggers come due, and the wait for an end state
 * within the timeout. After a few quiet seconds (to see late or duplicated events) the end state is
 * checked: a completed run against the source's rows, a rolled-back one against the target and the
 * JSON files as they were before.
 */
final class ChaosRun {

    /** How long the harness goes on watching after the end state, for events that must not follow it. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration TERMINATE_WITHIN = Duration.ofSeconds(30);

    private final ChaosHarness.Context context;
    private final int number;
    private final FaultPlan plan;
    private final PrintStream out;

    ChaosRun(ChaosHarness.Context context, int number, FaultPlan plan, PrintStream out) {
        this.context = context;
        this.number = number;
        this.plan = plan;
        this.out = out;
    }

    RunResult execute() throws IOException, SQLException {
        TestDatabases databases = context.databases();
        Path runDir = Files.createDirectories(context.work().resolve(String.format("run-%02d", number)));
        Path source = Files.createDirectories(runDir.resolve("source"));
        Files.copy(context.sourceTemplate(), source.resolve("db.json"));
        String ledger = databases.create("chaos_ledger");
        String target = databases.create("chaos_target");
        try {
            try (Connection c = databases.connect(target)) {
                UnrelatedTable.create(c);
            }
            TargetInventory targetBefore = TargetInventory.capture(databases, target);
            LiveFiles filesBefore = LiveFiles.capture(source);
            Map<ChaosService, Map<String, String>> environments = new EnumMap<>(ChaosService.class);
            for (ChaosService service : ChaosService.values()) {
                environments.put(service, ServiceEnvironments.of(service, context.broker().bootstrapServers(),
                        databases, ledger, target, context.work(), runDir));
            }
            try (ServiceFleet fleet = ServiceFleet.start(context.home(), runDir, environments)) {
                return observe(fleet, runDir, source, target, targetBefore, filesBefore);
            }
        } finally {
            databases.drop(target);
            databases.drop(ledger);
        }
    }

    private RunResult observe(ServiceFleet fleet, Path runDir, Path source, String target,
                              TargetInventory targetBefore, LiveFiles filesBefore) throws IOException, SQLException {
        EventProbe probe = context.probe();
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(source.toString(), context.schemaDir().toString(), context.mapping().toString(),
                ServiceEnvironments.PROFILE, "jsonmig-chaos");
        Instant start = Instant.now();
        probe.publish(EventEnvelope.of(id, 1, "jsonmig-chaos", "", new MigrationRequested(spec), start));
        out.println("  migration " + id + " requested; work dir " + runDir);
        RunObserver run = new RunObserver(probe, id, context.totalRecords(), start);

        List<FiredFault> fired = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        // a fault whose trigger never comes (a share of a load that failed before it) must not hold back the others
        List<Fault> pending = new ArrayList<>(plan.faults());
        Instant deadline = start.plus(context.settings().runTimeout());
        EndState end;
        while (true) {
            run.refresh();
            Optional<EndState> seen = run.endState();
            if (seen.isPresent()) {
                end = seen.get();
                break;
            }
            Instant now = Instant.now();
            if (now.isAfter(deadline)) {
                end = EndState.STUCK;
                break;
            }
            if (crashes.isEmpty()) {
                fleet.exited().ifPresent(crashes::add);
            }
            Optional<Fault> due = pending.stream().filter(f -> f.trigger().isDue(run, now)).findFirst();
            if (due.isPresent()) {
                Fault fault = due.get();
                pending.remove(fault);
                String where = run.where();
                Duration at = Duration.between(start, now);
                FiredFault struck = strike(fault, at, where, fleet, target);
                fired.add(struck);
                out.println("  struck:  " + struck.describe());
            }
        }
        Duration duration = Duration.between(start, Instant.now());
        fleet.awaitRestarts();
        Instant settled = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(settled)) {
            run.refresh();
        }
        if (end != EndState.STUCK) {
            end = run.endState().orElse(end);
        }
        if (crashes.isEmpty()) {
            fleet.exited().ifPresent(crashes::add);
        }

        List<Check> checks = new ArrayList<>();
        checks.add(Check.noDifferences("no service exited on its own", crashes));
        switch (end) {
            case COMPLETED -> checkCompleted(run, target, checks);
            case ROLLED_BACK, ROLLBACK_FAILED -> checkRolledBack(run, target, targetBefore, checks);
            case CONTRADICTORY -> checks.add(Check.of("one end state", false,
                    "both cutover.ready and datasource.reverted"));
            case STUCK -> checks.add(Check.of("an end state within " + context.settings().runTimeout(), false,
                    "none; " + run.where() + "; the last events:\n" + run.lastEvents(8)));
        }
        checks.add(Check.noDifferences("live JSON files byte-identical to before the run",
                LiveFiles.capture(source).differencesFrom(filesBefore)));
        List<Fault> notReached = List.copyOf(pending);
        RunResult result = new RunResult(number, id, plan, fired, notReached, end, cause(run), duration,
                run.eventCounts(), checks, runDir);
        if (result.correct()) {
            // the logs stay; the copies of the data go (a few dozen MB per run)
            TestFiles.deleteTree(source);
            TestFiles.deleteTree(runDir.resolve("snapshots"));
        }
        return result;
    }

    private FiredFault strike(Fault fault, Duration at, String where, ServiceFleet fleet, String target) {
        CompletableFuture<String> nothingMore = CompletableFuture.completedFuture("");
        try {
            return switch (fault.kind()) {
                case KILL_SERVICE -> {
                    ServiceFleet.Struck struck = fleet.killAndRestart(fault.service());
                    yield new FiredFault(fault, at, where, struck.kill(), struck.restart());
                }
                case RESTART_BROKER -> new FiredFault(fault, at, where,
                        "broker back after " + RunObserver.seconds(context.broker().restart()), nothingMore);
                case TERMINATE_TARGET_CONNECTIONS -> {
                    List<String> terminated = TargetConnections.terminate(context.databases(), target, TERMINATE_WITHIN);
                    yield new FiredFault(fault, at, where, terminated.isEmpty()
                            ? "no connection to the target within " + TERMINATE_WITHIN
                            : "terminated " + String.join(", ", terminated), nothingMore);
                }
            };
        } catch (SQLException | RuntimeException e) {
            return new FiredFault(fault, at, where, "the fault itself failed: " + e, nothingMore);
        }
    }

    private void checkCompleted(RunObserver run, String target, List<Check> checks) throws SQLException {
        checks.add(Check.of("verification.passed", run.has(EventType.VERIFICATION_PASSED), ""));
        checks.add(Check.of("cutover.ready exactly once", run.distinct(EventType.CUTOVER_READY) == 1,
                run.distinct(EventType.CUTOVER_READY) + " distinct"));
        checks.add(Check.of("no rollback", !run.has(EventType.ROLLBACK_REQUESTED)
                && !run.has(EventType.DATASOURCE_REVERTED), run.has(EventType.ROLLBACK_REQUESTED)
                ? "rollback.requested after all" : ""));
        context.expected().compare(target).forEach((table, differences) -> checks.add(Check.noDifferences(
                "rows of " + table + " equal the source's (ids and MD5 of every row)", differences)));
    }

    private void checkRolledBack(RunObserver run, String target, TargetInventory before, List<Check> checks)
            throws SQLException {
        checks.add(Check.of("datasource.reverted exactly once", run.distinct(EventType.DATASOURCE_REVERTED) == 1,
                run.distinct(EventType.DATASOURCE_REVERTED) + " distinct"));
        checks.add(Check.of("no cutover.ready", !run.has(EventType.CUTOVER_READY), ""));
        checks.add(Check.of("every rollback step succeeded", run.failedRollbackSteps() == 0,
                run.failedRollbackSteps() == 0 ? "" : failedSteps(run)));
        checks.add(Check.noDifferences("target as before the run (objects, " + UnrelatedTable.NAME + " and its rows)",
                TargetInventory.capture(context.databases(), target).differencesFrom(before)));
    }

    private static String failedSteps(RunObserver run) {
        return String.join("; ", run.events().stream()
                .filter(e -> e.payload() instanceof io.jsonmig.events.payload.RollbackStepCompleted s && !s.succeeded())
                .map(e -> e.payload().describe()).toList());
    }

    /** Why the run rolled back: the first failure it reported. */
    private static String cause(RunObserver run) {
        return run.events().stream()
                .filter(e -> e.type() == EventType.PHASE_FAILED || e.type() == EventType.VERIFICATION_FAILED)
                .findFirst().map(e -> e.type().wireName() + ": " + e.payload().describe()).orElse("");
    }
}
