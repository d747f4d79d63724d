package io.jsonmig.verification.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.ledger.EventLedger;
import io.jsonmig.verification.check.VerificationPhase;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The events verification-service reacts to, each handled once. */
@ApplicationScoped
public class VerificationEventListener {

    private final EventLedger ledger;
    private final VerificationPhase verification;

    public VerificationEventListener(EventLedger ledger, VerificationPhase verification) {
        this.ledger = ledger;
        this.verification = verification;
    }

    @Incoming("data-migrated")
    @Blocking
    public void onDataMigrated(EventEnvelope event) {
        ledger.handleOnce(event, verification::run);
    }
}
