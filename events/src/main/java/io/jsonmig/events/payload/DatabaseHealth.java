package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/**
 * The target database's health as {@code pg_stat_*} shows it at one check of the stabilization window.
 *
 * @param connectionsInUse        client backends counted against {@link #connectionLimit()} (pg_stat_activity): the run's
 *                                role's own when its rolconnlimit is below max_connections, else every one of the server
 * @param maxConnections          the server's max_connections
 * @param roleConnectionLimit     the run's role's rolconnlimit; {@code null} when the role has none
 * @param deadlocksPerMinute      new deadlocks since the previous check, per minute (pg_stat_database)
 * @param rollbacksPerMinute      transactions rolled back since the previous check, per minute
 * @param longestStatementSeconds how long the longest statement now running has run; {@code null} when none runs
 * @param slowestStatements       the slowest statements on the run's tables by mean time (pg_stat_statements);
 *                                empty when the extension is not installed in the target database
 */
public record DatabaseHealth(@JsonProperty(required = true) int connectionsInUse,
                             @JsonProperty(required = true) int maxConnections,
                             Integer roleConnectionLimit,
                             @JsonProperty(required = true) double deadlocksPerMinute,
                             @JsonProperty(required = true) double rollbacksPerMinute,
                             Double longestStatementSeconds,
                             List<SlowStatement> slowestStatements) {

    public DatabaseHealth {
        slowestStatements = slowestStatements == null ? List.of() : List.copyOf(slowestStatements);
    }

    /** Health without pg_stat_statements' figures. */
    public DatabaseHealth(int connectionsInUse, int maxConnections, Integer roleConnectionLimit,
                          double deadlocksPerMinute, double rollbacksPerMinute, Double longestStatementSeconds) {
        this(connectionsInUse, maxConnections, roleConnectionLimit, deadlocksPerMinute, rollbacksPerMinute,
                longestStatementSeconds, List.of());
    }

    /** The lower of the server's and the role's limit: what the application's pool runs into first. */
    public int connectionLimit() {
        return roleConnectionLimit == null ? maxConnections : Math.min(maxConnections, roleConnectionLimit);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d of %d connections, %.1f deadlocks/min, %.1f rollbacks/min%s",
                connectionsInUse, connectionLimit(), deadlocksPerMinute, rollbacksPerMinute,
                longestStatementSeconds == null ? "" : String.format(Locale.ROOT, ", longest statement %.0f s",
                        longestStatementSeconds));
    }
}
