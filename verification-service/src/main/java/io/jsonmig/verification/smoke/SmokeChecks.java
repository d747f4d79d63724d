package io.jsonmig.verification.smoke;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.verification.config.VerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The smoke checks of a run, after the data checks: the configured ones that apply to its target
 * profile, then the run's own. SQL queries run against the run's target, one statement each, in a
 * read-only transaction, under a statement timeout; their first column of the
 * first row is compared with the expected text ({@link ReadOnlyQuery}). HTTP calls (the application's health
 * URL, say; {@link HttpCall}) are compared with their expected status, and for a run's own check with the
 * text its body must contain, using its method and timeout. Each failure is a rollback trigger.
 *
 * <p>What a query returns appears only in the result (the report, and the problem that names the
 * check); a URL is shown without its query string, which may carry a token.
 */
@ApplicationScoped
public class SmokeChecks {

    private final VerificationConfig config;

    public SmokeChecks(VerificationConfig config) {
        this.config = config;
    }

    /**
     * @param target the database the run's data checks read (for a dry run, scoped to its throwaway schema)
     */
    public List<SmokeCheckResult> run(RunSpec spec, TargetDatabase target) {
        List<SmokeCheckResult> results = new ArrayList<>();
        new TreeMap<>(config.smoke().sql()).forEach((name, check) -> {
            if (appliesTo(check.profiles(), spec.targetProfile())) {
                results.add(sql(new Check(name, SmokeCheckResult.CONFIGURED), check.query(), check.expected(), target));
            }
        });
        new TreeMap<>(config.smoke().http()).forEach((name, check) -> {
            if (appliesTo(check.profiles(), spec.targetProfile())) {
                results.add(http(new Check(name, SmokeCheckResult.CONFIGURED), check.url(), "GET",
                        check.expectedStatus(), null, check.timeout()));
            }
        });
        for (SmokeCheck check : spec.smokeChecks()) {
            Check own = new Check(check.name(), SmokeCheckResult.RUN);
            results.add(check.isSql() ? sql(own, check.sql(), check.expected(), target)
                    : http(own, check.url(), check.effectiveMethod(), check.effectiveExpectedStatus(),
                    check.bodyContains(), check.timeout() == null ? config.smoke().httpTimeout() : check.timeout()));
        }
        return results;
    }

    private static boolean appliesTo(Optional<List<String>> profiles, String profile) {
        return profiles.map(p -> p.isEmpty() || p.contains(profile)).orElse(true);
    }

    private SmokeCheckResult sql(Check check, String query, String expected, TargetDatabase target) {
        long started = System.nanoTime();
        ReadOnlyQuery.Outcome outcome = ReadOnlyQuery.run(target, query, config.smoke().statementTimeout(),
                "smoke check");
        if (!outcome.ran()) {
            return check.sqlFailed(query, expected, outcome.problem(), started);
        }
        String actual = outcome.value();
        boolean passed = Objects.equals(trim(expected), trim(actual));
        return new SmokeCheckResult(check.name(), check.source(), "sql", query, expected, shown(actual), passed,
                passed ? null : check.label() + ": expected " + expected + ", the query returned " + shown(actual),
                millis(started));
    }

    private static SmokeCheckResult http(Check check, String url, String method, int expectedStatus,
                                         String bodyContains, Duration timeout) {
        long started = System.nanoTime();
        String expected = Integer.toString(expectedStatus);
        HttpCall.Outcome outcome = HttpCall.call(url, method, expectedStatus, bodyContains, timeout);
        return new SmokeCheckResult(check.name(), check.source(), "http", withoutQuery(url), expected,
                outcome.status() == null ? null : Integer.toString(outcome.status()), outcome.passed(),
                outcome.passed() ? null : check.label() + ": " + outcome.problem(), millis(started));
    }

    /** {@code scheme://host:port/path}, and {@code ?…} in place of a query string. */
    static String withoutQuery(String url) {
        return HttpCall.withoutQuery(url);
    }

    private static String shown(String value) {
        return value == null || value.length() <= SmokeCheckResult.MAX_SHOWN ? value
                : value.substring(0, SmokeCheckResult.MAX_SHOWN) + "…";
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Which check, and whose: a run's own check is named as such wherever it is mentioned. */
    private record Check(String name, String source) {

        String label() {
            return "smoke check " + name + (SmokeCheckResult.RUN.equals(source) ? " of the run" : "");
        }

        SmokeCheckResult sqlFailed(String query, String expected, String reason, long started) {
            return new SmokeCheckResult(name, source, "sql", query, expected, null, false, label() + ": " + reason,
                    millis(started));
        }
    }
}
