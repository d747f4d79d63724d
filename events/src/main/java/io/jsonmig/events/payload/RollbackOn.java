package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Duration;

/**
 * When the watch of the stabilization window acts on its own (see {@link Stabilization#mode()}). A
 * {@code null} component takes its default, so a spec from before these thresholds existed reads as
 * the defaults.
 *
 * @param failuresInARow   a probe failing this many times in a row → trigger FUNCTIONALITY (default 3)
 * @param p95Factor        the p95 latency of a probe over the last {@code over} above this many times its
 *                         baseline p95 → trigger PERFORMANCE (default 2.0)
 * @param over             the span the p95 and the error rate are taken over (default PT5M)
 * @param errorRate        a probe's share of failed calls over the last {@code over} above this → trigger
 *                         FUNCTIONALITY (default 0.05, i.e. 5 %)
 * @param connectionsShare connections in use above this share of the limit (the lower of
 *                         max_connections and the role's limit) → an alert only, never a rollback (default 0.9)
 */
public record RollbackOn(Integer failuresInARow, Double p95Factor,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) Duration over,
                         Double errorRate, Double connectionsShare) {

    public static final int DEFAULT_FAILURES_IN_A_ROW = 3;
    public static final double DEFAULT_P95_FACTOR = 2.0;
    public static final Duration DEFAULT_OVER = Duration.ofMinutes(5);
    public static final double DEFAULT_ERROR_RATE = 0.05;
    public static final double DEFAULT_CONNECTIONS_SHARE = 0.9;
    public static final RollbackOn DEFAULTS = new RollbackOn(null, null, null, null, null);

    public RollbackOn {
        failuresInARow = failuresInARow == null ? DEFAULT_FAILURES_IN_A_ROW : failuresInARow;
        p95Factor = p95Factor == null ? DEFAULT_P95_FACTOR : p95Factor;
        over = over == null ? DEFAULT_OVER : over;
        errorRate = errorRate == null ? DEFAULT_ERROR_RATE : errorRate;
        connectionsShare = connectionsShare == null ? DEFAULT_CONNECTIONS_SHARE : connectionsShare;
        if (failuresInARow < 1 || failuresInARow > 1000) {
            throw new IllegalArgumentException("rollbackOn.failuresInARow must be 1 to 1000, got " + failuresInARow);
        }
        if (!(p95Factor >= 1.0) || p95Factor > 100.0) {
            throw new IllegalArgumentException("rollbackOn.p95Factor must be 1 to 100, got " + p95Factor);
        }
        if (over.isNegative() || over.isZero() || over.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("rollbackOn.over must be positive and at most a day, got " + over);
        }
        if (!(errorRate > 0.0) || errorRate > 1.0) {
            throw new IllegalArgumentException("rollbackOn.errorRate must be above 0 and at most 1, got " + errorRate);
        }
        if (!(connectionsShare > 0.0) || connectionsShare > 1.0) {
            throw new IllegalArgumentException("rollbackOn.connectionsShare must be above 0 and at most 1, got "
                    + connectionsShare);
        }
    }
}
