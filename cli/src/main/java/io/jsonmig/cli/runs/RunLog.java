package io.jsonmig.cli.runs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs one read of the broker found.
 *
 * @param bootstrap     the broker's address, for messages
 * @param runs          each run's folded history, by migration id
 * @param missingTopics the topics read that the broker does not have
 * @param noTopics      the broker has none of them: probably not the broker the services use
 */
public record RunLog(String bootstrap, Map<String, RunHistory> runs, Set<String> missingTopics, boolean noTopics) {

    /** Newest first: by start (else first event), then by id, which begins with the start time. */
    static final Comparator<RunHistory> NEWEST_FIRST = Comparator.comparing(RunHistory::sortTime)
            .thenComparing(h -> h.state().migrationId()).reversed();

    public RunLog {
        runs = Map.copyOf(runs);
        missingTopics = Set.copyOf(missingTopics);
    }

    public List<RunHistory> newestFirst() {
        return runs.values().stream().sorted(NEWEST_FIRST).toList();
    }

    public Optional<RunHistory> run(String migrationId) {
        return Optional.ofNullable(runs.get(migrationId));
    }

    /** What to add when nothing was found on a broker without the jsonmig topics. */
    public String topicsHint() {
        return noTopics ? "; it has none of the jsonmig topics (jsonmig.*): start the stack with './jsonmig stack up'"
                + " or point JSONMIG_KAFKA_BOOTSTRAP at the broker the services use" : "";
    }
}
