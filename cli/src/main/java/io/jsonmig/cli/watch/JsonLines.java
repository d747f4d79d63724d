package io.jsonmig.cli.watch;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.TimelineEntry;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code watch --json}: one JSON object per line, for scripts. Each timeline event once, as the
 * event itself (the envelope as it travels on Kafka, {@link EventJson}), in the order the plain
 * output prints them; progress is not among them. The last line is the {@link Outcome}.
 */
public final class JsonLines implements RunDisplay {

    /**
     * The last line: how the watch ended, with the exit code it ends with and the run as folded.
     *
     * @param tables         rows per table, from data.migrated; empty before the migration finished
     * @param reportLocation the verification report, when verification reported one
     * @param eventsSeen     events of the run that were read (progress included)
     */
    public record Outcome(String migrationId, WatchOutcome outcome, int exitCode, String meaning, RunState state,
                          List<TableLoad> tables, String reportLocation, int eventsSeen) {
    }

    private final PrintWriter out;
    private final Set<String> printed = new HashSet<>();

    public JsonLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void show(RunFollower run, Instant now) {
        for (TimelineEntry entry : run.state().timeline()) {
            EventEnvelope event = run.event(entry);
            if (event != null && printed.add(entry.eventId())) {
                out.println(EventJson.toJson(event));
            }
        }
        out.flush();
    }

    @Override
    public void finish(WatchResult result, Duration timeout) {
        WatchOutcome outcome = result.outcome();
        Outcome last = new Outcome(result.state().migrationId(), outcome, outcome.exitCode(), outcome.meaning(result.state()),
                result.state(), result.tables(), result.reportLocation(), result.eventsSeen());
        try {
            out.println(EventJson.mapper().writeValueAsString(last));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the outcome of run " + last.migrationId(), e);
        }
        out.flush();
    }
}
