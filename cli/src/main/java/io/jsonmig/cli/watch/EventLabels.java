package io.jsonmig.cli.watch;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;

import java.util.Locale;

/** The {@code phase/type} label of a timeline line, e.g. {@code migration/data.migrated}. */
final class EventLabels {

    private EventLabels() {
    }

    static String of(EventEnvelope event) {
        return phaseOf(event) + "/" + event.type().wireName();
    }

    private static String phaseOf(EventEnvelope event) {
        Phase phase = switch (event.type()) {
            case MIGRATION_REQUESTED, RETRY_REQUESTED, DRIFT_CHECK_REQUESTED, DRIFT_CHECKED -> null;
            case BACKUP_COMPLETED -> Phase.BACKUP;
            case DATA_MIGRATED -> Phase.MIGRATION;
            case VERIFICATION_PASSED, VERIFICATION_FAILED -> Phase.VERIFICATION;
            case CUTOVER_READY, DRY_RUN_COMPLETED -> Phase.CUTOVER;
            case PHASE_FAILED -> event.payloadAs(PhaseFailed.class).phase();
            case PROGRESS -> event.payloadAs(Progress.class).phase();
            case RUN_FINALIZED, STABILIZATION_BASELINED, STABILIZATION_CHECKED -> Phase.STABILIZATION;
            case ROLLBACK_REQUESTED, ROLLBACK_STEP_COMPLETED, DATASOURCE_REVERTED, REVERSE_SYNC_EXPORTED,
                    REVERSE_SYNC_VERIFIED -> Phase.ROLLBACK;
        };
        return phase == null ? "run" : phase.name().toLowerCase(Locale.ROOT);
    }
}
