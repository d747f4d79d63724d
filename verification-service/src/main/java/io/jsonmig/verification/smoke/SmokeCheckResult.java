package io.jsonmig.verification.smoke;

/**
 * The outcome of one smoke check.
 *
 * @param kind     {@code sql} or {@code http}
 * @param target   the query, or the URL
 * @param expected the expected first value, or status
 * @param actual   what came back; {@code null} when the check could not run
 * @param problem  why it failed; {@code null} when it passed
 */
public record SmokeCheckResult(String name, String kind, String target, String expected, String actual,
                               boolean passed, String problem, long millis) {
}
