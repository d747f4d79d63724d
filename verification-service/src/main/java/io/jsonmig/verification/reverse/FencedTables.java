package io.jsonmig.verification.reverse;

import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.verification.check.RunTables;
import io.jsonmig.verification.check.TableCount;
import io.jsonmig.verification.check.TableSource;
import io.jsonmig.verification.check.TargetTableCounter;
import io.jsonmig.verification.plan.RunPlan;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fenced tables as {@code reverse-sync.exported} describes them, for the comparison of the export with
 * them. Each collection's table holds the export's records less the rejects it kept (the records the forward
 * load quarantined, written back as they were and never in a table): so the count check compares the
 * export's records with the table's rows plus those rejects. The rejects are left out of the row-by-row
 * comparison at the positions the export names. A child table has no figure in the event: it holds what it
 * holds at the fence, and its rows are compared with the export's elements one by one.
 *
 * <p>What the event says that cannot be right is collected in {@link #problems()}: a table that is not
 * fenced (writes to it may have gone on after the export), rejects kept that are not where the export says.
 */
final class FencedTables implements RunTables {

    private final ReverseSyncExported export;
    private final List<String> problems = new ArrayList<>();
    private final List<TableLoad> loads = new ArrayList<>();

    FencedTables(ReverseSyncExported export) {
        this.export = export;
        for (CollectionSync sync : export.collections()) {
            List<Long> positions = export.rejectPositions().getOrDefault(sync.collection(), List.of());
            if (positions.size() != sync.rejectsKept() || new HashSet<>(positions).size() != positions.size()) {
                problems.add("collection " + sync.collection() + ": the export kept " + sync.rejectsKept()
                        + " reject(s), but names " + positions.size() + " position(s) of them");
            }
            if (sync.table() == null) {
                continue; // the count check names a collection with records but no table
            }
            String table = fenced(sync.table());
            if (!export.fence().tables().contains(table)) {
                problems.add("table " + sync.table() + " of collection " + sync.collection() + " is not among the "
                        + "fenced tables (" + String.join(", ", export.fence().tables()) + "): writes to it may "
                        + "not have been carried back");
            }
            loads.add(new TableLoad(sync.collection(), table, sync.records() - sync.rejectsKept(), sync.rejectsKept()));
        }
        export.rejectPositions().forEach((name, positions) -> {
            String collection = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (export.collections().stream().noneMatch(c -> c.collection().equals(collection))) {
                problems.add("the export names reject positions of " + name + ", which it did not export");
            }
        });
    }

    /** What the event says that the comparison cannot check itself, each naming the table or collection. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public List<String> names() {
        return export.fence().tables();
    }

    @Override
    public List<TableLoad> loads() {
        return List.copyOf(loads);
    }

    @Override
    public Map<String, Set<Long>> rejected(Connection connection, RunPlan plan) {
        Map<String, Set<Long>> rejected = new LinkedHashMap<>();
        export.rejectPositions().forEach((name, positions) -> rejected.put(name, Set.copyOf(positions)));
        return rejected;
    }

    /**
     * A fenced child table holds what it held at the fence: its count stands as its load, and the row-by-row
     * comparison says what differs. One that is not fenced is a problem of the export.
     */
    @Override
    public TableLoad childLoad(TableSource child, TargetTableCounter counter) {
        String table = child.table().name().toString();
        if (!export.fence().tables().contains(table)) {
            problems.add("child table " + table + " of collection " + child.collection() + " is not among the fenced "
                    + "tables (" + String.join(", ", export.fence().tables()) + "): writes to it may not have been "
                    + "carried back");
            return null;
        }
        TableCount count = counter.count(table);
        return count.isCounted() ? new TableLoad(child.collection(), table, count.rows()) : null;
    }

    /** The collection's table as the fence names it (schema-qualified), when the event names it unqualified. */
    private String fenced(String table) {
        if (table.contains(".") || export.fence().tables().contains(table)) {
            return table;
        }
        return export.fence().tables().stream().filter(t -> t.endsWith("." + table)).findFirst().orElse(table);
    }
}
