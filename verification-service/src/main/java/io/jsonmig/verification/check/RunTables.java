package io.jsonmig.verification.check;

import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.verification.plan.RunPlan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the event that asks for a {@link SnapshotComparison} says about the run's tables: the forward
 * load's {@code data.migrated}, or a reverse sync's {@code reverse-sync.exported}. The comparison itself
 * is the same for both.
 */
public interface RunTables {

    /** The run's tables as PostgreSQL displays them, qualified: the plan resolves unqualified names in their schema. */
    List<String> names();

    /**
     * What each collection's table holds by the event's word: rows and rejected records, which the count
     * check compares with the snapshot's records and the table's rows. Child tables may be among them.
     */
    List<TableLoad> loads();

    /**
     * The records to leave out of the row-by-row comparison as quarantined, by the name rejects carry (the
     * collection, or {@code <collection>.<path>} for a child table's elements), as 0-based positions.
     *
     * @param connection the comparison's read-only transaction
     */
    Map<String, Set<Long>> rejected(Connection connection, RunPlan plan) throws SQLException;

    /**
     * What a child table of the plan holds by the event's word; {@code null} when the event does not know it.
     *
     * @param counter counts the table in the comparison's transaction, for an event that names no figure
     */
    TableLoad childLoad(TableSource child, TargetTableCounter counter);
}
