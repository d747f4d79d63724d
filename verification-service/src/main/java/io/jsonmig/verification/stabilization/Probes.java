package io.jsonmig.verification.stabilization;

import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.verification.smoke.HttpCall;
import io.jsonmig.verification.smoke.ReadOnlyQuery;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;

/**
 * One stabilization probe, once: a url probe with its method, expected status, {@code bodyContains} and
 * timeout ({@link HttpCall}); a SQL probe against the run's target in a READ ONLY transaction under its
 * timeout ({@link ReadOnlyQuery}), its first value compared with {@code expected}. The same code as the
 * smoke checks, so a probe and a smoke check of the same shape judge alike.
 */
@ApplicationScoped
public class Probes {

    /** A value is named in a result's detail up to this length. */
    private static final int MAX_SHOWN = 200;

    /**
     * @return the result; its latency is {@code null} when a url probe got no answer (timeout, no connection)
     *         or a query could not run
     */
    public ProbeResult run(SmokeCheck probe, TargetDatabase target) {
        if (probe.isSql()) {
            ReadOnlyQuery.Outcome outcome = ReadOnlyQuery.run(target, probe.sql(), probe.effectiveTimeout(), "probe");
            if (!outcome.ran()) {
                return new ProbeResult(probe.name(), false, null, outcome.problem());
            }
            boolean passed = Objects.equals(trim(probe.expected()), trim(outcome.value()));
            return new ProbeResult(probe.name(), passed, outcome.millis(), passed ? null
                    : "expected " + probe.expected() + ", the query returned " + shown(outcome.value()));
        }
        HttpCall.Outcome outcome = HttpCall.call(probe.url(), probe.effectiveMethod(), probe.effectiveExpectedStatus(),
                probe.bodyContains(), probe.effectiveTimeout());
        return new ProbeResult(probe.name(), outcome.passed(), outcome.answered() ? outcome.millis() : null,
                outcome.problem());
    }

    private static String shown(String value) {
        return value == null || value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
