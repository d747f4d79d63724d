package io.jsonmig.cli.report;

import io.jsonmig.cli.runs.RunTexts;

import java.io.PrintWriter;

/** A never-verified run's failure as text: the phase and its reason, then each problem on its own line. */
final class FailureView {

    private FailureView() {
    }

    static void print(FailureDocument failure, PrintWriter out) {
        out.printf("run %s: %s FAILED (attempt %d)%n", failure.migrationId(), RunTexts.phase(failure.phase()),
                failure.attempt());
        out.printf("reason     %s%n", failure.reason());
        if (failure.problems().size() > 1 || !failure.problems().contains(failure.reason())) {
            failure.problems().forEach(problem -> out.printf("  problem  %s%n", problem));
        }
    }
}
