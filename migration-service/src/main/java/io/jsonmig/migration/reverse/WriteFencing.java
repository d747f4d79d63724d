package io.jsonmig.migration.reverse;

import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stops the application's writes to a run's tables in one transaction: EXCLUSIVE locks on every table
 * (writers queue behind them), then a trigger function and row + TRUNCATE triggers that raise the
 * fence's message, then commit — the queued writers wake up to the triggers and fail. Re-run after a
 * crash it replaces the function and the triggers, so it is idempotent.
 */
@ApplicationScoped
public class WriteFencing {

    private final TargetChanges changes;
    private final Clock clock;

    public WriteFencing(TargetChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    public static String message(String migrationId) {
        return "jsonmig rollback " + migrationId + " in progress: writes go to the JSON files";
    }

    /** The fence's function, one per run, in the schema of the run's first table. */
    static String functionName(String migrationId) {
        return "_jsonmig_fence_" + UUID.nameUUIDFromBytes(migrationId.getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 16);
    }

    static final String ROW_TRIGGER = "_jsonmig_fence_rows";
    static final String TRUNCATE_TRIGGER = "_jsonmig_fence_truncate";

    public WriteFence fence(String migrationId, TargetSession session, List<TableName> tables) {
        if (tables.isEmpty()) {
            throw new PhaseFailure("the run loaded no table: nothing to fence");
        }
        String message = message(migrationId);
        String function = Identifiers.quote(tables.get(0).schema()) + "." + Identifiers.quote(functionName(migrationId));
        Connection connection = session.connection();
        long started = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (TableName table : tables) {
                    s.execute("LOCK TABLE " + table.sql() + " IN EXCLUSIVE MODE");
                }
                s.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                        + dollarQuoted("BEGIN RAISE EXCEPTION '%', " + literal(message)
                        + " USING ERRCODE = 'object_not_in_prerequisite_state'; END;"));
                for (TableName table : tables) {
                    s.execute("DROP TRIGGER IF EXISTS " + ROW_TRIGGER + " ON " + table.sql());
                    s.execute("DROP TRIGGER IF EXISTS " + TRUNCATE_TRIGGER + " ON " + table.sql());
                    s.execute("CREATE TRIGGER " + ROW_TRIGGER + " BEFORE INSERT OR UPDATE OR DELETE ON "
                            + table.sql() + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()");
                    s.execute("CREATE TRIGGER " + TRUNCATE_TRIGGER + " BEFORE TRUNCATE ON " + table.sql()
                            + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the transaction ends with the connection
            }
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("fencing the run's tables", e);
            }
            throw new PhaseFailure("cannot fence the run's tables: " + e.getMessage());
        }
        long lockMillis = (System.nanoTime() - started) / 1_000_000;
        Instant fencedAt = Instant.now(clock);
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new PhaseFailure("cannot use the target after the fence: " + e.getMessage());
        }
        // The function is an object the run created: retry and rollback see it in the run's ledger.
        changes.recordCreated(migrationId, session);
        return new WriteFence(tables.stream().map(TableName::toString).toList(), fencedAt, lockMillis, message);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String dollarQuoted(String body) {
        return "$jsonmig_fence$" + body + "$jsonmig_fence$";
    }
}
