package io.jsonmig.cli.report;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.PhaseFailed;

import java.time.Instant;
import java.util.List;

/**
 * The phase failure {@code report ID} shows for a run that was never verified, as {@code --json} prints it.
 *
 * @param problems every problem the failing service named (a load over its reject limit: the first rejects of
 *                 each collection, and where the others are)
 */
public record FailureDocument(String migrationId, int attempt, Phase phase, Instant failedAt, String reason,
                              List<String> problems) {

    static FailureDocument of(EventEnvelope failed) {
        PhaseFailed payload = failed.payloadAs(PhaseFailed.class);
        return new FailureDocument(failed.migrationId(), failed.attempt(), payload.phase(), failed.occurredAt(),
                payload.reason(), payload.problems() == null ? List.of() : payload.problems());
    }
}
