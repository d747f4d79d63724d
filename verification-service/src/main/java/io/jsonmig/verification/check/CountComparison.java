package io.jsonmig.verification.check;

import io.jsonmig.events.payload.TableLoad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares what the snapshot holds with what the migration loaded and what the target tables hold.
 * Pure: the caller counts the snapshot and the tables, this class only judges.
 *
 * <p>A collection passes when the migration loaded it into exactly one table, reported as many rows
 * as the snapshot has records less those it rejected (quarantined within the run's threshold), and
 * the table holds that many rows. An empty collection that was
 * not loaded passes too: nothing of it can be missing.
 */
public final class CountComparison {

    private final Map<String, Long> snapshotRecords;
    private final Map<String, Long> countedAtBackup;
    private final Map<String, List<TableLoad>> loadsByCollection = new LinkedHashMap<>();
    private final List<String> collections;

    /**
     * @param snapshotRecords records per collection counted in the snapshot now, in file order
     * @param countedAtBackup records per collection that the backup counted when it took the snapshot;
     *                        may be {@code null} when unknown
     * @param loads           what the migration reported loading
     */
    public CountComparison(Map<String, Long> snapshotRecords, Map<String, Long> countedAtBackup,
                           List<TableLoad> loads) {
        this(snapshotRecords, countedAtBackup, loads, Set.of());
    }

    /**
     * @param childTables the child tables of the run's mapping plan: their loads (reported under their
     *                    parent collection) are compared row by row, not counted as the collection's
     */
    public CountComparison(Map<String, Long> snapshotRecords, Map<String, Long> countedAtBackup,
                           List<TableLoad> loads, Set<String> childTables) {
        this.snapshotRecords = Map.copyOf(snapshotRecords);
        this.countedAtBackup = countedAtBackup == null ? Map.of() : Map.copyOf(countedAtBackup);
        for (TableLoad load : loads) {
            if (childTables.contains(load.table())) {
                continue;
            }
            loadsByCollection.computeIfAbsent(load.collection(), c -> new ArrayList<>()).add(load);
        }
        Set<String> ordered = new LinkedHashSet<>(snapshotRecords.keySet());
        if (countedAtBackup != null) {
            ordered.addAll(countedAtBackup.keySet());
        }
        ordered.addAll(loadsByCollection.keySet());
        this.collections = List.copyOf(ordered);
    }

    /** Every collection to check: the snapshot's in its order, then any only the backup or the migration knows. */
    public List<String> collections() {
        return collections;
    }

    /** The table whose row count stands for the collection, when the migration loaded it. */
    public Optional<String> tableOf(String collection) {
        List<TableLoad> loads = loadsByCollection.getOrDefault(collection, List.of());
        return loads.isEmpty() ? Optional.empty() : Optional.of(loads.get(0).table());
    }

    /**
     * @param tableCounts what the target holds, by table name as the migration reported it; must
     *                    cover {@link #tableOf} of every collection
     */
    public CountVerdict verdict(Map<String, TableCount> tableCounts) {
        List<CountCheck> checks = collections.stream().map(c -> check(c, tableCounts)).toList();
        return new CountVerdict(checks, summarize(checks));
    }

    private CountCheck check(String collection, Map<String, TableCount> tableCounts) {
        List<String> problems = new ArrayList<>();
        List<TableLoad> loads = loadsByCollection.getOrDefault(collection, List.of());
        TableLoad load = loads.isEmpty() ? null : loads.get(0);
        TableCount count = load == null ? null : countOf(load.table(), tableCounts);
        Long actual = count == null ? null : count.rows();
        Long loaded = load == null ? null : load.rows();
        String table = load == null ? null : load.table();

        Long atBackup = countedAtBackup.get(collection);
        Long inSnapshot = snapshotRecords.get(collection);
        if (inSnapshot == null) {
            if (atBackup != null) {
                problems.add("collection " + collection + " had " + atBackup
                        + " records when the backup was taken, but the snapshot no longer holds it");
            }
            if (load != null) {
                problems.add("collection " + collection + " was loaded into table " + table + " (" + load.rows()
                        + " rows) but is not in the snapshot");
            }
            return new CountCheck(collection, table, 0, loaded, actual, problems);
        }

        if (atBackup != null && !atBackup.equals(inSnapshot)) {
            problems.add("collection " + collection + ": the snapshot holds " + inSnapshot
                    + " records now, but held " + atBackup + " when the backup was taken");
        }
        // Records the migration quarantined (within the run's threshold) are accounted for, not missing.
        // An append run's table also holds the rows it had before the run.
        long rejected = load == null ? 0 : load.rejected();
        long rowsBefore = load == null ? 0 : load.rowsBefore();
        long expectedLoaded = inSnapshot - rejected;
        long expected = expectedLoaded + rowsBefore;
        String why = (rejected == 0 ? "records in the snapshot"
                : inSnapshot + " records in the snapshot less " + rejected + " rejected")
                + (rowsBefore == 0 ? "" : ", plus " + rowsBefore + " rows the table held before the run");
        if (load == null) {
            if (expected > 0) {
                problems.add("collection " + collection + " has " + expected
                        + " records in the snapshot but was not loaded into any table");
            }
            return new CountCheck(collection, null, expected, null, null, problems);
        }
        if (loads.size() > 1) {
            problems.add("collection " + collection + " was loaded into " + loads.size() + " tables ("
                    + loads.stream().map(TableLoad::table).collect(Collectors.joining(", "))
                    + "); its count check needs exactly one");
        }
        if (load.rows() != expectedLoaded) {
            problems.add("collection " + collection + ": the migration reported " + load.rows()
                    + " rows loaded into " + table + ", expected " + expectedLoaded + " (" + why + ")");
        }
        if (!count.isCounted()) {
            problems.add("collection " + collection + ": expected " + expected + " rows, but " + count.problem());
        } else if (count.rows() != expected) {
            problems.add("collection " + collection + ": expected " + expected + " rows (" + why + "), "
                    + "table " + table + " holds " + count.rows());
        }
        return new CountCheck(collection, table, expected, loaded, actual, problems);
    }

    private static TableCount countOf(String table, Map<String, TableCount> tableCounts) {
        TableCount count = tableCounts.get(table);
        if (count == null) {
            throw new IllegalArgumentException("table " + table + " was not counted");
        }
        return count;
    }

    private static String summarize(List<CountCheck> checks) {
        if (checks.isEmpty()) {
            return "the snapshot holds no collections and nothing was loaded: nothing to compare";
        }
        List<CountCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (failed.isEmpty()) {
            return "all " + checks.size() + " collection(s) match the snapshot: " + checks.stream()
                    .map(c -> c.collection() + " " + c.expected()).collect(Collectors.joining(", "));
        }
        return failed.size() + " of " + checks.size() + " collection check(s) failed: " + failed.stream()
                .flatMap(c -> c.problems().stream()).collect(Collectors.joining("; "));
    }
}
