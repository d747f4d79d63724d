package io.jsonmig.backup.retry;

import io.jsonmig.events.Phase;
import io.jsonmig.support.ledger.PhaseRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Whether backup-service finished rolling back an attempt of a run: its own rollback step (the last
 * one, after the target was cleaned) succeeded. A retry is accepted only then.
 */
@ApplicationScoped
public class RolledBackAttempts {

    /** Why a retry after {@code attempt} must be refused, or empty when that attempt is rolled back. */
    @Transactional
    public Optional<String> refusal(String migrationId, int attempt) {
        if (attempt < 1) {
            return Optional.of("a retry must carry the attempt after the rolled-back one (2 or more), not " + (attempt + 1));
        }
        List<PhaseRun> runs = PhaseRun.list("migrationId = ?1 order by startedAt desc, id desc", migrationId);
        if (runs.isEmpty()) {
            return Optional.of("run " + migrationId + " is unknown to backup-service");
        }
        boolean rolledBack = runs.stream().anyMatch(r -> r.attempt == attempt && r.phase == Phase.ROLLBACK
                && r.status == PhaseRun.Status.SUCCEEDED);
        // Phases of later attempts do not refuse it: they may be this very retry's, redelivered after a crash.
        if (rolledBack) {
            return Optional.empty();
        }
        PhaseRun latest = runs.get(0);
        return Optional.of("run " + migrationId + " attempt " + attempt + " is not rolled back: the last phase "
                + "backup-service ran is " + latest.phase + " of attempt " + latest.attempt + ", "
                + latest.status.name().toLowerCase());
    }
}
