package io.jsonmig.support.metrics;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * {@code jsonmig_phase_duration_seconds{phase, outcome}}: a histogram of how long each phase took, from
 * the event that asked for it to the event that ends it (so the time it waited as a job counts too). The
 * service that ends a phase records it; {@code _count} by outcome is how many phases passed or failed.
 */
@Startup
@ApplicationScoped
public class PhaseDurations {

    public static final String NAME = "jsonmig.phase.duration";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private final MeterRegistry registry;

    public PhaseDurations(MeterRegistry registry) {
        this.registry = registry;
        for (Phase phase : new Phase[] {Phase.BACKUP, Phase.MIGRATION, Phase.VERIFICATION}) {
            timer(phase, SUCCEEDED);
            timer(phase, FAILED);
        }
    }

    void ended(@Observes EventSent sent) {
        if (sent.again() || sent.cause() == null) {
            return;
        }
        EventPayload payload = sent.event().payload();
        Phase phase;
        String outcome = SUCCEEDED;
        if (payload instanceof BackupCompleted) {
            phase = Phase.BACKUP;
        } else if (payload instanceof DataMigrated) {
            phase = Phase.MIGRATION;
        } else if (payload instanceof VerificationPassed) {
            phase = Phase.VERIFICATION;
        } else if (payload instanceof VerificationFailed) {
            phase = Phase.VERIFICATION;
            outcome = FAILED;
        } else if (payload instanceof CutoverReady) {
            phase = Phase.CUTOVER;
        } else if (payload instanceof PhaseFailed failed) {
            phase = failed.phase();
            outcome = FAILED;
        } else {
            return;
        }
        timer(phase, outcome).record(took(sent.cause(), sent.event()));
    }

    private static Duration took(EventEnvelope cause, EventEnvelope end) {
        Duration took = Duration.between(cause.occurredAt(), end.occurredAt());
        return took.isNegative() ? Duration.ZERO : took;
    }

    private Timer timer(Phase phase, String outcome) {
        return Timer.builder(NAME).description("How long a phase took, from the event that asked for it to its end")
                .tag("phase", phase.name().toLowerCase()).tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(6))
                .register(registry);
    }
}
