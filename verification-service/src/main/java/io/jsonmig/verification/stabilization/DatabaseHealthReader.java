package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.DatabaseHealth;
import io.jsonmig.events.payload.SlowStatement;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.verification.config.VerificationConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's target database's health from {@code pg_stat_*}, as the run's role (its profile) sees it, in a
 * READ ONLY transaction:
 * <ul>
 *   <li>connections: when the role's {@code rolconnlimit} is below {@code max_connections}, the role's own
 *       backends (what that limit counts), else every backend of the server (what max_connections counts);</li>
 *   <li>deadlocks and rolled-back transactions per minute: the difference of {@code pg_stat_database}'s
 *       counters to the previous round's;</li>
 *   <li>the longest statement now running in the database (not this one);</li>
 *   <li>with {@code pg_stat_statements} installed in the database, the slowest statements that name one of
 *       the run's tables, by mean time.</li>
 * </ul>
 */
@ApplicationScoped
public class DatabaseHealthReader {

    /** What one reading found, and the counters the next one starts from. */
    record Reading(DatabaseHealth health, WatchStore.Counters counters) {
    }

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    private final VerificationConfig config;

    public DatabaseHealthReader(VerificationConfig config) {
        this.config = config;
    }

    /**
     * @param tables   the run's tables, qualified or not; only their names are matched in pg_stat_statements
     * @param previous the counters of the round before; {@code null} for the first round (then no per-minute figures)
     */
    Reading read(TargetDatabase target, List<String> tables, WatchStore.Counters previous, Instant now)
            throws SQLException {
        try (Connection c = target.connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
                s.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT.toMillis());
                int max;
                Integer roleLimit;
                try (ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int, "
                        + "(SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user)")) {
                    rs.next();
                    max = rs.getInt(1);
                    int limit = rs.getInt(2);
                    roleLimit = rs.wasNull() || limit < 0 ? null : limit;
                }
                boolean byRole = roleLimit != null && roleLimit < max;
                int inUse;
                try (ResultSet rs = s.executeQuery(byRole
                        ? "SELECT count(*) FROM pg_stat_activity WHERE usename = current_user AND backend_type = 'client backend'"
                        : "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
                    rs.next();
                    inUse = rs.getInt(1);
                }
                long deadlocks;
                long rollbacks;
                try (ResultSet rs = s.executeQuery("SELECT deadlocks, xact_rollback FROM pg_stat_database "
                        + "WHERE datname = current_database()")) {
                    rs.next();
                    deadlocks = rs.getLong(1);
                    rollbacks = rs.getLong(2);
                }
                Double longest;
                try (ResultSet rs = s.executeQuery("SELECT extract(epoch FROM max(clock_timestamp() - query_start)) "
                        + "FROM pg_stat_activity WHERE state = 'active' AND datname = current_database() "
                        + "AND pid <> pg_backend_pid()")) {
                    rs.next();
                    double seconds = rs.getDouble(1);
                    longest = rs.wasNull() ? null : seconds;
                }
                WatchStore.Counters counters = new WatchStore.Counters(now, deadlocks, rollbacks);
                double deadlocksPerMinute = 0;
                double rollbacksPerMinute = 0;
                if (previous != null && now.isAfter(previous.at())) {
                    double minutes = Duration.between(previous.at(), now).toMillis() / 60_000.0;
                    // A counter lower than before was reset (pg_stat_reset): nothing is known of the gap.
                    deadlocksPerMinute = Math.max(0, deadlocks - previous.deadlocks()) / minutes;
                    rollbacksPerMinute = Math.max(0, rollbacks - previous.rollbacks()) / minutes;
                }
                List<SlowStatement> slowest = slowest(c, tables);
                // committed, not rolled back: the watch's own reading must not count as a rollback next round
                c.commit();
                return new Reading(new DatabaseHealth(inUse, max, roleLimit, deadlocksPerMinute, rollbacksPerMinute,
                        longest, slowest), counters);
            }
        }
    }

    private List<SlowStatement> slowest(Connection c, List<String> tables) throws SQLException {
        if (tables.isEmpty() || config.stabilization().slowestStatements() < 1) {
            return List.of();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            if (!rs.next()) {
                return List.of();
            }
        }
        List<String> names = tables.stream().map(t -> t.substring(t.lastIndexOf('.') + 1).replace("\"", "")
                .toLowerCase(Locale.ROOT)).distinct().toList();
        java.sql.Savepoint beforeStatements = c.setSavepoint();
        try (PreparedStatement s = c.prepareStatement("SELECT query, calls, mean_exec_time FROM pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND EXISTS (SELECT 1 FROM unnest(?::text[]) t WHERE strpos(lower(query), t) > 0) "
                + "ORDER BY mean_exec_time DESC LIMIT ?")) {
            s.setArray(1, c.createArrayOf("text", names.toArray()));
            s.setInt(2, config.stabilization().slowestStatements());
            List<SlowStatement> slowest = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    slowest.add(new SlowStatement(String.valueOf(rs.getString(1)), rs.getLong(2), rs.getDouble(3)));
                }
            }
            return slowest;
        } catch (SQLException e) {
            // Installed but not loaded (shared_preload_libraries), or another version's columns: no figures.
            Log.debugf("pg_stat_statements cannot be read: %s", e.getMessage());
            c.rollback(beforeStatements);
            return List.of();
        }
    }
}
