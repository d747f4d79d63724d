package io.jsonmig.cli.runs;

import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.state.RunState;

import java.util.List;

/**
 * The JSON document of {@code status ID --json}.
 *
 * @param run            the folded run, exactly as notification-service serves it at {@code GET /migrations/{id}}
 * @param tables         rows per table of the current attempt's load; empty before it finished
 * @param reportLocation the current attempt's verification report (JSON); left out before it was verified
 * @param reportPage     the same report as a page
 * @param nextSteps      what can be done with the run now
 * @param traceId        the current attempt's trace (W3C trace id, as a tracing backend shows it); left out when it
 *                       was not traced
 */
public record RunStatusDocument(RunState run, List<TableLoad> tables, String reportLocation, String reportPage,
                                List<NextStep> nextSteps, String traceId) {

    static RunStatusDocument of(RunHistory history) {
        String location = history.reportLocation();
        return new RunStatusDocument(history.state(), history.tables(), location,
                location == null ? null : location + ".html", NextStep.of(history), history.trace().orElse(null));
    }
}
