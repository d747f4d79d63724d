package io.jsonmig.migration.reverse;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.target.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a rollback after the cut-over could carry the tables back into the records they came from,
 * asked by the preflight ({@code mapping-reversible}) and again before a run with a stabilization window
 * loads anything, so that it is never found out during the rollback: each table needs a primary key its
 * records fill (a record is matched with its row by it), and each child table a position column (the
 * order of an array's elements). An append run into tables that hold rows already is refused too: the
 * application works on every row after the cut-over, and nothing tells which belong in the JSON files —
 * writing the others into them would hand the files rows they never held, leaving them out would drop
 * the application's writes to them.
 */
public final class Reversibility {

    /** What the operator can do about a mapping that cannot be reversed. */
    public static final String FIX = "give each table a primary key its records fill (in columns, or a generated "
            + "key), map a 'position' column for each child table, load into empty tables rather than append, or run "
            + "with --stabilization-window 0: the run "
            + "then ends at the cut-over, without a way back from PostgreSQL to the JSON files";

    private Reversibility() {
    }

    /** @return one line per mapping that could not be reversed, naming the table, the collection and why */
    public static List<String> problems(Connection connection, List<CollectionPlan> plans) throws SQLException {
        return problems(connection, plans, false, Set.of());
    }

    /**
     * @param append    the run adds its rows to tables that may hold rows already: those cannot be carried back
     * @param ownTables the tables this attempt already loaded into (a resumed load): their rows are the run's
     */
    public static List<String> problems(Connection connection, List<CollectionPlan> plans, boolean append,
                                        Set<TableName> ownTables) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (append) {
            TargetCatalog catalog = new TargetCatalog(connection);
            for (CollectionPlan plan : plans) {
                List<TargetTable> tables = new ArrayList<>(List.of(plan.table()));
                plan.children().forEach(child -> tables.add(child.table()));
                for (TargetTable table : tables) {
                    if (!ownTables.contains(table.name()) && catalog.holdsRows(table)) {
                        problems.add("table " + table.name() + " of collection '" + plan.collection() + "' already "
                                + "holds rows that are not in the JSON files, and an append run adds to them: once "
                                + "the application works on them all, a rollback after the cut-over could not tell "
                                + "which rows, and which of those inserted since, belong in the files");
                    }
                }
            }
        }
        for (CollectionPlan plan : plans) {
            TableConstraints constraints = TableConstraints.read(connection, plan.table().oid());
            List<String> unfilled = unfilled(plan, constraints.primaryKey());
            if (constraints.primaryKey().isEmpty()) {
                problems.add("table " + plan.table().name() + " of collection '" + plan.collection() + "' has no "
                        + "primary key: a rollback after the cut-over could not tell which record a row is");
            } else if (!unfilled.isEmpty()) {
                problems.add("table " + plan.table().name() + " of collection '" + plan.collection() + "': its primary "
                        + "key column" + (unfilled.size() == 1 ? " " : "s ") + String.join(", ", unfilled)
                        + (unfilled.size() == 1 ? " is" : " are") + " filled by no field of the records (the mapping "
                        + "file leaves it to the database), so a rollback after the cut-over could not match its rows "
                        + "with them");
            }
            for (ChildPlan child : plan.children()) {
                String path = child.rows().mapping().path();
                if (child.rows().mapping().position().isEmpty()) {
                    problems.add("child table " + child.table().name() + " of '" + plan.collection() + "." + path
                            + "' has no position column: a rollback after the cut-over could not restore the order "
                            + "of the array's elements; map one with 'position'");
                }
            }
        }
        return problems;
    }

    /** The key columns the mapping file does not write; none without a mapping file (columns follow the records). */
    private static List<String> unfilled(CollectionPlan plan, List<String> key) {
        List<String> written = plan.columns().map(columns -> columns.stream().map(TableColumn::name).toList())
                .orElse(key);
        return key.stream().filter(k -> !written.contains(k)).toList();
    }
}
