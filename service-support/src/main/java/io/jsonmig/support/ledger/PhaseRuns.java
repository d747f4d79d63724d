package io.jsonmig.support.ledger;

import io.jsonmig.events.Phase;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Records when this service starts and finishes a phase, each in its own transaction. */
@ApplicationScoped
public class PhaseRuns {

    private final Clock clock;

    public PhaseRuns(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public long start(String migrationId, Phase phase, int attempt) {
        PhaseRun run = new PhaseRun();
        run.migrationId = migrationId;
        run.phase = phase;
        run.attempt = attempt;
        run.status = PhaseRun.Status.RUNNING;
        run.startedAt = Instant.now(clock);
        run.persist();
        return run.id;
    }

    @Transactional
    public void finish(long phaseRunId, PhaseRun.Status status, String detail) {
        PhaseRun run = PhaseRun.findById(phaseRunId);
        run.status = status;
        run.finishedAt = Instant.now(clock);
        run.detail = detail;
    }

    /**
     * Closes as failed whatever this service left running of {@code phase} in the attempt: the job that ran
     * it was abandoned (an {@link Error}, a service that died under it) before it could record its end.
     * The ledger's record matters less than the run being told, so a ledger that is down is only logged.
     */
    public void abandoned(String migrationId, Phase phase, int attempt, String reason) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = Instant.now(clock);
                PhaseRun.<PhaseRun>list("migrationId = ?1 and phase = ?2 and attempt = ?3 and status = ?4",
                        migrationId, phase, attempt, PhaseRun.Status.RUNNING).forEach(run -> {
                    run.status = PhaseRun.Status.FAILED;
                    run.finishedAt = now;
                    run.detail = "abandoned: " + reason;
                });
            });
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] cannot record that the %s phase was abandoned", migrationId, phase);
        }
    }
}
