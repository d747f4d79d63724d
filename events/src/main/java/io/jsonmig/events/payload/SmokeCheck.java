package io.jsonmig.events.payload;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A check of the migrated application that a run asks for, beside the ones verification-service is
 * configured with: either a SQL query against the run's target, run in a read-only transaction, whose
 * first column of its first row must read {@code expected}; or an HTTP GET (the application's health
 * URL, say) that must answer {@code expectedStatus}. A failure triggers a rollback.
 *
 * @param name           unique within the run, {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param sql            the query (no credentials: the target is the run's profile)
 * @param expected       the first value as PostgreSQL prints it; {@code null} for NULL or no row
 * @param url            http(s) URL, without user info
 * @param expectedStatus the status the URL must answer; {@code null} means 200
 */
public record SmokeCheck(String name, String sql, String expected, String url, Integer expectedStatus) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

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
        } else if (expectedStatus != null) {
            throw new IllegalArgumentException("smoke check " + name + ": expectedStatus belongs to a url check");
        }
        if (expectedStatus != null && (expectedStatus < 100 || expectedStatus > 599)) {
            throw new IllegalArgumentException("smoke check " + name + ": expectedStatus " + expectedStatus
                    + " is not an HTTP status (100-599)");
        }
    }

    public static SmokeCheck sql(String name, String sql, String expected) {
        return new SmokeCheck(name, sql, expected, null, null);
    }

    public static SmokeCheck http(String name, String url, Integer expectedStatus) {
        return new SmokeCheck(name, null, null, url, expectedStatus);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSql() {
        return sql != null && !sql.isBlank();
    }

    /** The status a url check expects: 200 unless the run says otherwise. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public int effectiveExpectedStatus() {
        return expectedStatus == null ? 200 : expectedStatus;
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
