package io.jsonmig.support.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the running job was cancelled, read at the job's checkpoints. The reason is looked up at
 * most once per interval, so a checkpoint every few milliseconds costs nothing; a rollback request
 * recorded by any instance of the service is seen within that interval.
 */
public final class Cancellation {

    /** For work that is not a job (a REST request, a test): never cancelled. */
    public static final Cancellation NONE = new Cancellation(Optional::empty, Duration.ZERO, Clock.systemUTC());

    private final Supplier<Optional<String>> lookup;
    private final Duration interval;
    private final Clock clock;
    private Instant nextLookup = Instant.MIN;
    private String reason;

    public Cancellation(Supplier<Optional<String>> lookup, Duration interval, Clock clock) {
        this.lookup = lookup;
        this.interval = interval;
        this.clock = clock;
    }

    /** A checkpoint: throws {@link PhaseCancelled} once the job was cancelled. */
    public void check() {
        if (reason == null && clock.instant().isBefore(nextLookup)) {
            return;
        }
        checkNow();
    }

    /** Before an effect that must not follow a cancellation (a verdict, an announcement): looks now. */
    public void checkNow() {
        if (reason == null) {
            nextLookup = clock.instant().plus(interval);
            reason = lookup.get().orElse(null);
        }
        if (reason != null) {
            throw new PhaseCancelled(reason);
        }
    }
}
