package io.jsonmig.verification.smoke;

import io.jsonmig.support.target.TargetDatabase;
import org.postgresql.core.Parser;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One query of a check (a smoke check, a SQL stabilization probe) against the run's target: one statement,
 * in a READ ONLY transaction, under a statement timeout. Its outcome is the first
 * column of the first row as PostgreSQL prints it.
 */
public final class ReadOnlyQuery {

    /** PostgreSQL's SQLSTATEs for a write in a read-only transaction and a cancelled statement. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";
    private static final String QUERY_CANCELED = "57014";

    /**
     * @param value   the first value; {@code null} for NULL or no row, or when the query could not run
     * @param problem why the query could not run; {@code null} when it ran
     */
    public record Outcome(String value, String problem, double millis) {

        public boolean ran() {
            return problem == null;
        }
    }

    private ReadOnlyQuery() {
    }

    /** @param what what the query is, in the problem: {@code smoke check}, {@code probe} */
    public static Outcome run(TargetDatabase target, String query, Duration timeout, String what) {
        long started = System.nanoTime();
        try {
            int statements = Parser.parseJdbcSql(query, true, false, true, false, false).size();
            if (statements != 1) {
                return new Outcome(null, "a " + what + " is one query, this is " + statements + " statements",
                        millis(started));
            }
            try (Connection c = target.connect()) {
                c.setReadOnly(true);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    // explicitly, whatever readOnlyMode the profile's URL sets for the driver
                    s.execute("SET TRANSACTION READ ONLY");
                    s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                    String value;
                    try (ResultSet rs = s.executeQuery(query)) {
                        value = rs.next() ? rs.getString(1) : null;
                    }
                    // READ ONLY: nothing to undo. A commit keeps the check out of pg_stat_database's count of
                    // rolled-back transactions, which the stabilization watch reads as the application's.
                    c.commit();
                    return new Outcome(value, null, millis(started));
                }
            }
        } catch (SQLException e) {
            return new Outcome(null, reason(e, timeout, what), millis(started));
        }
    }

    private static String reason(SQLException e, Duration timeout, String what) {
        if (READ_ONLY_SQL_TRANSACTION.equals(e.getSQLState())) {
            return "the query tried to write, but " + what + "s run in a read-only transaction: " + e.getMessage();
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return "the query ran longer than the statement timeout of " + timeout.toMillis() + " ms";
        }
        return "the query failed: " + e.getMessage();
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
