package io.jsonmig.cli.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What verification-service answered for a run's report: the report, or why there is none.
 *
 * @param report  the service's JSON report; {@code null} when it could not be had
 * @param problem why not, naming the URL; {@code null} when the report is here
 */
record ServiceReport(JsonNode report, String problem) {

    static ServiceReport of(JsonNode report) {
        return new ServiceReport(report, null);
    }

    static ServiceReport unavailable(String problem) {
        return new ServiceReport(null, problem);
    }

    boolean available() {
        return report != null;
    }
}
