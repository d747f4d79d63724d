package io.jsonmig.verification.smoke;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.verification.config.VerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.core.Parser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The smoke checks of a run, after the data checks: the configured ones that apply to its target
 * profile, then the run's own. SQL queries run against the run's target, one statement each, in a
 * read-only transaction that is rolled back, under a statement timeout; their first column of the
 * first row is compared with the expected text. HTTP GETs (the application's health URL, say) are
 * compared with their expected status. Each failure is a rollback trigger.
 *
 * <p>What a query returns appears only in the result (the report, and the problem that names the
 * check); a URL is shown without its query string, which may carry a token.
 */
@ApplicationScoped
public class SmokeChecks {

    /** PostgreSQL's SQLSTATEs for a write in a read-only transaction and a cancelled statement. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";
    private static final String QUERY_CANCELED = "57014";

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
                results.add(http(new Check(name, SmokeCheckResult.CONFIGURED), check.url(), check.expectedStatus(),
                        check.timeout()));
            }
        });
        for (SmokeCheck check : spec.smokeChecks()) {
            Check own = new Check(check.name(), SmokeCheckResult.RUN);
            results.add(check.isSql() ? sql(own, check.sql(), check.expected(), target)
                    : http(own, check.url(), check.effectiveExpectedStatus(), config.smoke().httpTimeout()));
        }
        return results;
    }

    private static boolean appliesTo(Optional<List<String>> profiles, String profile) {
        return profiles.map(p -> p.isEmpty() || p.contains(profile)).orElse(true);
    }

    private SmokeCheckResult sql(Check check, String query, String expected, TargetDatabase target) {
        long started = System.nanoTime();
        Duration timeout = config.smoke().statementTimeout();
        try {
            int statements = Parser.parseJdbcSql(query, true, false, true, false, false).size();
            if (statements != 1) {
                return check.sqlFailed(query, expected, "a smoke check is one query, this is " + statements
                        + " statements", started);
            }
            try (Connection c = target.connect()) {
                c.setReadOnly(true);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    // explicitly, whatever readOnlyMode the profile's URL sets for the driver
                    s.execute("SET TRANSACTION READ ONLY");
                    s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                    try (ResultSet rs = s.executeQuery(query)) {
                        String actual = rs.next() ? rs.getString(1) : null;
                        boolean passed = Objects.equals(trim(expected), trim(actual));
                        return new SmokeCheckResult(check.name(), check.source(), "sql", query, expected,
                                shown(actual), passed, passed ? null : check.label() + ": expected " + expected
                                + ", the query returned " + shown(actual), millis(started));
                    }
                } finally {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            return check.sqlFailed(query, expected, reason(e, timeout), started);
        }
    }

    private static String reason(SQLException e, Duration timeout) {
        if (READ_ONLY_SQL_TRANSACTION.equals(e.getSQLState())) {
            return "the query tried to write, but smoke checks run in a read-only transaction: " + e.getMessage();
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return "the query ran longer than the statement timeout of " + timeout.toMillis() + " ms";
        }
        return "the query failed: " + e.getMessage();
    }

    private static SmokeCheckResult http(Check check, String url, int expectedStatus, Duration timeout) {
        long started = System.nanoTime();
        String expected = Integer.toString(expectedStatus);
        String shownUrl = withoutQuery(url);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            String actual = Integer.toString(response.statusCode());
            boolean passed = expected.equals(actual);
            return new SmokeCheckResult(check.name(), check.source(), "http", shownUrl, expected, actual, passed,
                    passed ? null : check.label() + ": GET " + shownUrl + " answered " + actual + ", expected "
                            + expected, millis(started));
        } catch (IllegalArgumentException e) {
            return check.httpFailed(shownUrl, expected, "is not a valid URL", started);
        } catch (java.net.http.HttpTimeoutException e) {
            return check.httpFailed(shownUrl, expected, "got no answer within " + timeout.toMillis() + " ms", started);
        } catch (IOException e) {
            return check.httpFailed(shownUrl, expected, "failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return check.httpFailed(shownUrl, expected, "interrupted", started);
        }
    }

    /** {@code scheme://host:port/path}, and {@code ?…} in place of a query string. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : url.length();
        return url.substring(0, end) + (query >= 0 ? "?…" : "");
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

        SmokeCheckResult httpFailed(String url, String expected, String reason, long started) {
            return new SmokeCheckResult(name, source, "http", url, expected, null, false,
                    label() + ": GET " + url + " " + reason, millis(started));
        }
    }
}
