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

    /** The plans CI runs: one kill of a service, one broker restart, one pg_terminate_backend. */
    static List<FaultPlan> oneOfEachKind(long seed) {
        Random random = new Random(seed);
        return List.of(
                new FaultPlan(seed, List.of(Fault.kill(ChaosService.MIGRATION, midLoad(random)))),
                new FaultPlan(seed, List.of(restartBroker(random))),
                new FaultPlan(seed, List.of(terminateConnections(random))));
    }

    private static Fault killAnyService(Random random) {
        ChaosService service = ChaosService.values()[random.nextInt(ChaosService.values().length)];
        FaultTrigger trigger = switch (service) {
            case BACKUP -> after(EventType.MIGRATION_REQUESTED, random);
            case MIGRATION -> random.nextInt(4) == 0 ? after(EventType.BACKUP_COMPLETED, random) : midLoad(random);
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
        return new AfterEvent(anchor, Duration.ofMillis(random.nextLong(MAX_DELAY_MILLIS)));
    }
}
