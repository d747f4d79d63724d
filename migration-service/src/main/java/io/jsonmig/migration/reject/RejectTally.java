package io.jsonmig.migration.reject;

import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.migration.load.CollectionLoad;
import io.jsonmig.support.messaging.PhaseFailure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The run's rejects against its threshold, judged once every table is loaded: the operator learns every
 * reject of every collection from one run, not one collection's per run. Memory stays bounded: per
 * collection only its count, its file and its first {@link CollectionLoad#LISTED_REJECTS} rejects are kept.
 */
public final class RejectTally {

    private final RejectThreshold threshold;
    private final Path directory;
    private final List<CollectionRejects> collections = new ArrayList<>();
    private long records;
    private long rejected;

    public RejectTally(RejectThreshold threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    public void add(CollectionLoad loaded) {
        records += loaded.load().rows() + loaded.load().rejected();
        rejected += loaded.load().rejected();
        if (loaded.load().rejected() > 0) {
            collections.add(new CollectionRejects(loaded.rejectsLabel(), loaded.load().rejected(), loaded.rejectFile(),
                    loaded.rejects().stream().limit(CollectionLoad.LISTED_REJECTS).toList()));
        }
    }

    public void failIfExceeded() {
        if (threshold.exceededBy(rejected, records)) {
            throw failure();
        }
    }

    /**
     * The reason names the count of each collection and its first reject; the problems list the first
     * rejects of each collection, and where the others are.
     */
    private PhaseFailure failure() {
        List<String> problems = new ArrayList<>();
        for (CollectionRejects c : collections) {
            problems.addAll(c.first());
            if (c.rejected() > c.first().size()) {
                problems.add("collection '" + c.label() + "': " + (c.rejected() - c.first().size())
                        + " more reject(s) in " + (c.file() == null ? directory : c.file()));
            }
        }
        String where = collections.size() == 1 && collections.get(0).file() != null
                ? collections.get(0).file().toString() : directory.toString();
        String perCollection = collections.stream().map(c -> "'" + c.label() + "' " + c.rejected())
                .collect(Collectors.joining(", "));
        String firstOfEach = collections.stream().filter(c -> !c.first().isEmpty()).map(c -> c.first().get(0))
                .collect(Collectors.joining("; "));
        return new PhaseFailure(rejected + " of " + records + " record(s) rejected, more than the run allows ("
                + threshold.describe() + "); every reject is in " + where + ". Per collection: " + perCollection
                + ". First of each: " + firstOfEach, problems);
    }

    private record CollectionRejects(String label, long rejected, Path file, List<String> first) {
    }
}
