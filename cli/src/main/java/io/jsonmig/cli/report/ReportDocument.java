package io.jsonmig.cli.report;

import io.jsonmig.events.payload.CollectionCheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The JSON document of {@code report ID --json}. The verdict comes from the run's latest verification
 * event, which is authoritative; {@code report} is verification-service's full report when it could be read.
 *
 * @param source       {@code verification-service} when {@code report} is there, {@code event} when not
 * @param serviceError why the full report could not be read; left out when it was
 * @param checks       the event's count checks per collection
 * @param report       the service's {@code GET /verifications/{id}} document, unchanged; left out when unavailable
 * @param traceId      the verified attempt's trace id; left out when it was not traced
 */
public record ReportDocument(String migrationId, int attempt, boolean passed, String summary, Instant verifiedAt,
                             String reportLocation, String reportPage, String source, String serviceError,
                             List<CollectionCheck> checks, JsonNode report, String traceId) {

    static final String FROM_SERVICE = "verification-service";
    static final String FROM_EVENT = "event";

    static ReportDocument of(VerificationVerdict verdict, String location, ServiceReport fetched, String traceId) {
        return new ReportDocument(verdict.migrationId(), verdict.attempt(), verdict.passed(), verdict.summary(),
                verdict.verifiedAt(), location, location + ".html", fetched.available() ? FROM_SERVICE : FROM_EVENT,
                fetched.problem(), verdict.checks(), fetched.report(), traceId);
    }
}
