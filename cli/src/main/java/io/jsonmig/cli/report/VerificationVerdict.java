package io.jsonmig.cli.report;

import io.jsonmig.cli.runs.RunHistory;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

import java.time.Instant;
import java.util.List;

/**
 * What a run's {@code verification.passed} or {@code verification.failed} says: the authoritative verdict,
 * whatever verification-service's report holds or whether it can be reached.
 *
 * @param reportLocation the report's JSON URL as the event names it; may be {@code null}
 */
record VerificationVerdict(String migrationId, int attempt, boolean passed, String summary,
                           List<CollectionCheck> checks, String reportLocation, Instant verifiedAt) {

    static VerificationVerdict of(EventEnvelope event) {
        boolean passed = event.payload() instanceof VerificationPassed;
        String summary = passed ? event.payload().describe() : event.payloadAs(VerificationFailed.class).summary();
        List<CollectionCheck> checks = passed ? event.payloadAs(VerificationPassed.class).checks()
                : event.payloadAs(VerificationFailed.class).checks();
        return new VerificationVerdict(event.migrationId(), event.attempt(), passed, summary, List.copyOf(checks),
                RunHistory.reportLocation(event), event.occurredAt());
    }

    /** The checks that failed first, then the others, each group in the event's order. */
    List<CollectionCheck> checksFailedFirst() {
        return checks.stream().sorted((a, b) -> Boolean.compare(a.passed(), b.passed())).toList();
    }
}
