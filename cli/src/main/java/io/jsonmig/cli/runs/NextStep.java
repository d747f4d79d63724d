package io.jsonmig.cli.runs;

import io.jsonmig.events.state.RunState;

import java.util.ArrayList;
import java.util.List;

/**
 * What an operator can do next with a run, and the command that does it.
 *
 * @param action  in words, e.g. {@code follow it}
 * @param command the command line
 */
public record NextStep(String action, String command) {

    static List<NextStep> of(RunHistory run) {
        RunState state = run.state();
        String id = state.migrationId();
        List<NextStep> steps = new ArrayList<>();
        switch (state.status()) {
            case REQUESTED, RUNNING -> {
                steps.add(new NextStep("follow it", "./jsonmig watch " + id));
                steps.add(new NextStep("roll it back", "./jsonmig abort " + id + " --reason '...'"));
            }
            case STABILIZING -> {
                steps.add(new NextStep("end the window now, keeping PostgreSQL", "./jsonmig finalize " + id));
                steps.add(new NextStep("read the verification report", "./jsonmig report " + id));
            }
            case ROLLING_BACK -> steps.add(new NextStep("follow the rollback", "./jsonmig watch " + id));
            case COMPLETED -> steps.add(new NextStep(RunTable.dryRun(state) ? "read the rehearsal's verification report"
                    : "read the verification report", "./jsonmig report " + id));
            case ROLLED_BACK -> {
                steps.add(new NextStep("try it again, as attempt " + (state.attempt() + 1), "./jsonmig retry " + id));
                if (run.reportLocation() != null) {
                    steps.add(new NextStep("see what the verification found", "./jsonmig report " + id));
                }
            }
            case FAILED -> steps.add(new NextStep("a compensation could not finish: read the rollback actions and "
                    + "the services' logs, then clean up by hand", "./jsonmig stack status"));
        }
        return List.copyOf(steps);
    }
}
