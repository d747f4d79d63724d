package io.jsonmig.notification.status;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

/** Where verification wrote its report: the run state keeps the checks, the event keeps the location. */
public final class VerificationReport {

    private VerificationReport() {
    }

    /** The report location the event names (a verification result, the end of a dry run), else {@code null}. */
    static String locationIn(EventEnvelope event) {
        if (event.payload() instanceof VerificationPassed passed) {
            return passed.reportLocation();
        }
        if (event.payload() instanceof VerificationFailed failed) {
            return failed.reportLocation();
        }
        if (event.payload() instanceof DryRunCompleted dryRun) {
            return dryRun.reportLocation();
        }
        return null;
    }

    /**
     * The report's page for people: verification-service serves the report as HTML beside its JSON, at
     * the same address with {@code .html}. Only an http(s) address becomes a link; else {@code null}.
     */
    public static String pageOf(String location) {
        if (location == null || !(location.startsWith("http://") || location.startsWith("https://"))) {
            return null;
        }
        return location + ".html";
    }
}
