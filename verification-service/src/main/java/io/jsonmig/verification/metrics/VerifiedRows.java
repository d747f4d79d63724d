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
 * {@code jsonmig_rows_verified_total{table, outcome, check}}: the rows each verification found in a table,
 * labelled by whether that table's checks passed and by which verification read them ({@code forward}: the
 * load's, added when its verdict is published; {@code reverse-sync}: a reverse sync's export against the
 * fenced tables, added when its verdict is reached).
 */
@ApplicationScoped
public class VerifiedRows {

    public static final String FORWARD = "forward";
    public static final String REVERSE_SYNC = "reverse-sync";

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
            count(FORWARD, passed.checks());
        } else if (payload instanceof VerificationFailed failed) {
            count(FORWARD, failed.checks());
        }
    }

    /** The rows a reverse sync's verification read, whichever way it came out. */
    public void reverseSync(List<CollectionCheck> checks) {
        count(REVERSE_SYNC, checks);
    }

    private void count(String check, List<CollectionCheck> checks) {
        for (CollectionCheck c : checks) {
            if (c.table() == null) {
                continue; // a collection without a table: no rows were read
            }
            Counter.builder("jsonmig.rows.verified").description("Rows the verification read in target tables")
                    .tag("table", c.table()).tag("outcome", c.passed() ? "passed" : "failed")
                    .tag("check", check).register(registry).increment(c.actual());
        }
    }
}
