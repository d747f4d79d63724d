package io.jsonmig.e2e.chaos;

import io.jsonmig.e2e.chaos.FaultTrigger.AfterEvent;
import io.jsonmig.e2e.chaos.FaultTrigger.AtLoadProgress;
import io.jsonmig.events.EventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws fault plans from a seed: the same seed gives the same plans. Each fault strikes where it
 * hurts: a service while its own phase runs, the broker and the target's connections mid-load or
 * around an event.
 */
final class FaultPlanner {

    /** Delays after an event: long enough to land inside the phase that the event started. */
    private static final long MAX_DELAY_MILLIS = 4_000;
    /** A rollback takes a second or two: a fault meant for it must come soon after its event. */
    private static final long MAX_ROLLBACK_DELAY_MILLIS = 800;

    private FaultPlanner() {
    }

    /** 1 to {@code maxFaults} faults of any kind. */
    static FaultPlan random(long seed, int maxFaults) {
        Random random = new Random(seed);
        int count = 1 + random.nextInt(maxFaults);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            faults.add(kind < 6 ? killAnyService(random) : kind < 8 ? restartBroker(random) : terminateConnections(random));
        }
        return new FaultPlan(seed, faults);
    }

    /**
     * The plans CI runs: migration-service killed mid-load; the broker restarted; the target's
     * connections terminated mid-load and, if that rolls the run back, migration-service killed while
     * it removes what the run created.
     */
    static List<FaultPlan> oneOfEachKind(long seed) {
        Random random = new Random(seed);
        return List.of(
                new FaultPlan(seed, List.of(Fault.kill(ChaosService.MIGRATION, midLoad(random)))),
                new FaultPlan(seed, List.of(restartBroker(random))),
                new FaultPlan(seed, List.of(terminateConnections(random),
                        Fault.kill(ChaosService.MIGRATION, after(EventType.ROLLBACK_REQUESTED, random)))));
    }

    private static Fault killAnyService(Random random) {
        ChaosService service = ChaosService.values()[random.nextInt(ChaosService.values().length)];
        FaultTrigger trigger = switch (service) {
            // during a rollback (struck only when another fault of the plan caused one): restoring the JSON files
            case BACKUP -> random.nextInt(4) == 0 ? after(EventType.ROLLBACK_STEP_COMPLETED, random)
                    : after(EventType.MIGRATION_REQUESTED, random);
            // during a rollback: removing what the run created in the target
            case MIGRATION -> switch (random.nextInt(6)) {
                case 0 -> after(EventType.BACKUP_COMPLETED, random);
                case 1 -> after(EventType.ROLLBACK_REQUESTED, random);
                default -> midLoad(random);
            };
            case VERIFICATION -> after(EventType.DATA_MIGRATED, random);
            case NOTIFICATION -> random.nextBoolean() ? midLoad(random) : after(EventType.DATA_MIGRATED, random);
        };
        return Fault.kill(service, trigger);
    }

    private static Fault restartBroker(Random random) {
        return Fault.restartBroker(switch (random.nextInt(4)) {
            case 0 -> after(EventType.MIGRATION_REQUESTED, random);
            case 1 -> after(EventType.DATA_MIGRATED, random);
            default -> midLoad(random);
        });
    }

    private static Fault terminateConnections(Random random) {
        return Fault.terminateTargetConnections(midLoad(random));
    }

    private static FaultTrigger midLoad(Random random) {
        return new AtLoadProgress(0.05 + 0.85 * random.nextDouble());
    }

    private static FaultTrigger after(EventType anchor, Random random) {
        boolean rollback = anchor == EventType.ROLLBACK_REQUESTED || anchor == EventType.ROLLBACK_STEP_COMPLETED;
        return new AfterEvent(anchor, Duration.ofMillis(random.nextLong(rollback ? MAX_ROLLBACK_DELAY_MILLIS
                : MAX_DELAY_MILLIS)));
    }
}
