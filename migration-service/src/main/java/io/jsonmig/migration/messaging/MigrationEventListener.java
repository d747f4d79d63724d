package io.jsonmig.migration.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.migration.phase.MigrationPhase;
import io.jsonmig.migration.rollback.TargetCompensation;
import io.jsonmig.support.ledger.EventLedger;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The events migration-service reacts to, each handled once. */
@ApplicationScoped
public class MigrationEventListener {

    private final EventLedger ledger;
    private final MigrationPhase migration;
    private final TargetCompensation compensation;

    public MigrationEventListener(EventLedger ledger, MigrationPhase migration, TargetCompensation compensation) {
        this.ledger = ledger;
        this.migration = migration;
        this.compensation = compensation;
    }

    @Incoming("backup-completed")
    @Blocking
    public void onBackupCompleted(EventEnvelope event) {
        ledger.handleOnce(event, migration::run);
    }

    /** Every rollback request, whoever asked (this service too): compensate, then tell backup-service. */
    @Incoming("rollback-requested")
    @Blocking
    public void onRollbackRequested(EventEnvelope event) {
        ledger.handleOnce(event, compensation::run);
    }
}
