package io.jsonmig.verification.smoke;

/**
 * The outcome of one smoke check.
 *
 * @param source   {@code configured} (this service's configuration) or {@code run} (the run's own,
 *                 {@code RunSpec.smokeChecks}); a name may appear once of each
 * @param kind     {@code sql} or {@code http}
 * @param target   the query, or the URL without its query string
 * @param expected the expected first value, or status
 * @param actual   what came back, at most {@value #MAX_SHOWN} characters; {@code null} when the check could not run
 * @param problem  why it failed; {@code null} when it passed
 */
public record SmokeCheckResult(String name, String source, String kind, String target, String expected,
                               String actual, boolean passed, String problem, long millis) {

    public static final String CONFIGURED = "configured";
    public static final String RUN = "run";
    /** Values are cut to this length in the report and the problem, as the row differences are. */
    static final int MAX_SHOWN = 200;
}
