package io.jsonmig.support.ledger;

import io.jsonmig.events.Phase;
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
}
