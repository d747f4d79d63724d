package io.jsonmig.verification.metrics;

import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * {@code jsonmig_rows_verified_total{table, outcome}}: the rows each verification found in a table,
 * labelled by whether that table's checks passed, added when the verification's verdict is published.
 */
@ApplicationScoped
public class VerifiedRows {

    private final MeterRegistry registry;

    public VerifiedRows(MeterRegistry registry) {
        this.registry = registry;
    }

    void verdict(@Observes EventSent sent) {
        if (sent.again()) {
            return;
        }
        Object payload = sent.event().payload();
        if (payload instanceof VerificationPassed passed) {
            count(passed.checks());
        } else if (payload instanceof VerificationFailed failed) {
            count(failed.checks());
        }
    }

    private void count(List<CollectionCheck> checks) {
        for (CollectionCheck check : checks) {
            Counter.builder("jsonmig.rows.verified").description("Rows the verification read in target tables")
                    .tag("table", check.table()).tag("outcome", check.passed() ? "passed" : "failed")
                    .register(registry).increment(check.actual());
        }
    }
}
