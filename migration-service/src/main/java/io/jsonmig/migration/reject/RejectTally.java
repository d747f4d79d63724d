package io.jsonmig.migration.reject;

import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.migration.load.CollectionLoad;
import io.jsonmig.migration.load.TableLoader;
import io.jsonmig.support.messaging.PhaseFailure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's rejects against its threshold. A count limit is checked after every table (the run
 * stops as soon as it is exceeded); a ratio only once every table is loaded, as the share of all
 * the run's records.
 */
public final class RejectTally {

    private final RejectThreshold threshold;
    private final Path directory;
    private final List<String> described = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private long records;
    private long rejected;

    public RejectTally(RejectThreshold threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    public void add(CollectionLoad loaded) {
        records += loaded.load().rows() + loaded.load().rejected();
        rejected += loaded.load().rejected();
        if (loaded.rejectFile() != null) {
            files.add(loaded.rejectFile());
        }
        for (String reject : loaded.rejects()) {
            if (described.size() < TableLoader.MAX_LISTED_REJECTS) {
                described.add(reject);
            }
        }
    }

    public void failIfCountExceeded() {
        Long maxCount = threshold.maxCount();
        if (maxCount != null ? rejected > maxCount : threshold.maxRatio() == null && rejected > 0) {
            throw failure();
        }
    }

    public void failIfExceeded() {
        if (threshold.exceededBy(rejected, records)) {
            throw failure();
        }
    }

    private PhaseFailure failure() {
        List<String> problems = new ArrayList<>(described);
        if (rejected > described.size()) {
            problems.add((rejected - described.size()) + " more reject(s) in " + directory);
        }
        String where = files.size() == 1 ? files.get(0).toString() : directory.toString();
        return new PhaseFailure(rejected + " of " + records + " record(s) rejected, more than the run allows ("
                + threshold.describe() + "); every reject is in " + where + ". First: " + described.get(0), problems);
    }
}
