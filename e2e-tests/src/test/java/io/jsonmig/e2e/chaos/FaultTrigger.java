package io.jsonmig.e2e.chaos;

import io.jsonmig.events.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * When a fault strikes, relative to what the run has shown so far: a random delay after one of its
 * events arrived, or a random share of the load done. The randomness is the experiment; the harness
 * waits on nothing but conditions.
 */
sealed interface FaultTrigger {

    /** Whether the fault is due now. */
    boolean isDue(RunObserver run, Instant now);

    String describe();

    /** Where in a run's course the trigger lies, to order the faults of one plan. */
    double course();

    /** {@code delay} after the first event of type {@code anchor} arrived. */
    record AfterEvent(EventType anchor, Duration delay) implements FaultTrigger {
        @Override
        public boolean isDue(RunObserver run, Instant now) {
            return run.firstArrival(anchor).map(t -> !now.isBefore(t.plus(delay))).orElse(false);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%.1f s after %s", delay.toMillis() / 1000.0, anchor.wireName());
        }

        @Override
        public double course() {
            return switch (anchor) {
                case MIGRATION_REQUESTED -> 0;
                case BACKUP_COMPLETED -> 1;
                case DATA_MIGRATED -> 3;
                case VERIFICATION_PASSED -> 4;
                case ROLLBACK_REQUESTED -> 5;
                case ROLLBACK_STEP_COMPLETED -> 6;
                default -> 7;
            } + delay.toMillis() / 1_000_000.0;
        }
    }

    /** Once the migration-service's progress events count {@code fraction} of the records loaded. */
    record AtLoadProgress(double fraction) implements FaultTrigger {
        @Override
        public boolean isDue(RunObserver run, Instant now) {
            return run.loadFraction() >= fraction;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "at %.0f%% of the load", fraction * 100);
        }

        @Override
        public double course() {
            return 1.5 + fraction / 10;
        }
    }
}
