package io.jsonmig.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL advisory lock a test holds to stop work at a known point: a run waiting for jsonmig's
 * target lock, or every row of a table waiting in a trigger ({@link #rowTriggerSql}), so that an abort
 * or a kill arrives while a phase is half-way. Conditions, not sleeps: {@link #waitedFor} says when
 * someone waits at the gate.
 */
public final class AdvisoryGate {

    private final long key;

    public AdvisoryGate(long key) {
        this.key = key;
    }

    /**
     * SQL for a schema migration: every row inserted into {@code table} waits until the gate is open
     * (the lock is taken and released within the inserting transaction).
     */
    public String rowTriggerSql(String table) {
        return """
                CREATE FUNCTION wait_at_the_gate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_advisory_xact_lock(%d); RETURN NEW; END $$;
                CREATE TRIGGER %s_wait_at_the_gate BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION wait_at_the_gate();
                """.formatted(key, table, table);
    }

    /** Closes the gate for everyone but {@code connection}'s session, until {@link #open}. */
    public void close(Connection connection) throws SQLException {
        call(connection, "pg_advisory_lock");
    }

    public void open(Connection connection) throws SQLException {
        call(connection, "pg_advisory_unlock");
    }

    /** Whether a session of {@code connection}'s database waits for the gate (pg_locks splits a bigint key in two). */
    public boolean waitedFor(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid::bigint = ? AND objid::bigint = ?""")) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private void call(Connection connection, String function) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, key);
            s.execute();
        }
    }
}
