package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A check of the migrated application that a run asks for, beside the ones verification-service is
 * configured with: either a SQL query against the run's target, run in a read-only transaction, whose
 * first column of its first row must read {@code expected}; or an HTTP request (the application's health
 * URL, say) that must answer {@code expectedStatus}. A failed smoke check triggers a rollback.
 *
 * <p>The same shape is a stabilization probe ({@link Stabilization#probes()}): run again every interval
 * after the cut-over, and, for a url, timed against a baseline taken before it.
 *
 * @param name           unique within the run, {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param sql            the query (no credentials: the target is the run's profile)
 * @param expected       the first value as PostgreSQL prints it; {@code null} for NULL or no row
 * @param url            http(s) URL, without user info
 * @param expectedStatus the status the URL must answer; {@code null} means 200
 * @param method         the HTTP method of a url check, one of {@link #METHODS}; {@code null} means GET
 * @param bodyContains   text the answer's body must contain (url checks, not HEAD); {@code null}: any body
 * @param timeout        how long one call may take before it counts as failed; {@code null} means
 *                       {@link #DEFAULT_TIMEOUT}
 */
public record SmokeCheck(String name, String sql, String expected, String url, Integer expectedStatus,
                         String method, String bodyContains,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) Duration timeout) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /**
     * Safe methods only: a probe is repeated hundreds of times against the application in production,
     * so one that writes would write every time.
     */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public SmokeCheck {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid smoke check name '" + name
                    + "': expected lower-case letters, digits, '_' or '-', at most 64");
        }
        boolean hasSql = sql != null && !sql.isBlank();
        boolean hasUrl = url != null && !url.isBlank();
        if (hasSql == hasUrl) {
            throw new IllegalArgumentException("smoke check " + name + ": give either sql or url, not "
                    + (hasSql ? "both" : "neither"));
        }
        if (hasUrl) {
            requireHttpUrl(name, url);
        } else {
            for (var httpOnly : new Object[][] {{"expectedStatus", expectedStatus}, {"method", method},
                    {"bodyContains", bodyContains}}) {
                if (httpOnly[1] != null) {
                    throw new IllegalArgumentException("smoke check " + name + ": " + httpOnly[0]
                            + " belongs to a url check");
                }
            }
        }
        if (expectedStatus != null && (expectedStatus < 100 || expectedStatus > 599)) {
            throw new IllegalArgumentException("smoke check " + name + ": expectedStatus " + expectedStatus
                    + " is not an HTTP status (100-599)");
        }
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("smoke check " + name + ": method " + method
                        + " is not one of GET, HEAD, OPTIONS (a check must not write)");
            }
        }
        if (bodyContains != null && bodyContains.isEmpty()) {
            throw new IllegalArgumentException("smoke check " + name + ": bodyContains must not be empty");
        }
        if (bodyContains != null && "HEAD".equals(method)) {
            throw new IllegalArgumentException("smoke check " + name + ": a HEAD answer has no body for bodyContains");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("smoke check " + name + ": timeout " + timeout
                    + " must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes");
        }
    }

    /** A check as smoke checks were before method, bodyContains and timeout existed. */
    public SmokeCheck(String name, String sql, String expected, String url, Integer expectedStatus) {
        this(name, sql, expected, url, expectedStatus, null, null, null);
    }

    public static SmokeCheck sql(String name, String sql, String expected) {
        return new SmokeCheck(name, sql, expected, null, null);
    }

    public static SmokeCheck http(String name, String url, Integer expectedStatus) {
        return new SmokeCheck(name, null, null, url, expectedStatus);
    }

    /** This check with the optional HTTP settings given (each {@code null} for its default). */
    public SmokeCheck withHttp(String method, String bodyContains, Duration timeout) {
        return new SmokeCheck(name, sql, expected, url, expectedStatus, method, bodyContains, timeout);
    }

    @JsonIgnore
    public boolean isSql() {
        return sql != null && !sql.isBlank();
    }

    /** The status a url check expects: 200 unless the run says otherwise. */
    @JsonIgnore
    public int effectiveExpectedStatus() {
        return expectedStatus == null ? 200 : expectedStatus;
    }

    /** The method a url check uses: GET unless the run says otherwise. */
    @JsonIgnore
    public String effectiveMethod() {
        return method == null ? "GET" : method;
    }

    @JsonIgnore
    public Duration effectiveTimeout() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    private static void requireHttpUrl(String name, String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smoke check " + name + ": url is not a URI: " + e.getMessage());
        }
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("smoke check " + name + ": url must be http(s)://host/...");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("smoke check " + name + ": url must not carry credentials");
        }
    }
}
