package io.jsonmig.e2e.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One chaos run: its plan, the faults as they struck (and those the run ended before), its end state
 * and duration, and the checks of that end state. Correct when it completed or rolled back and
 * every check held.
 */
record RunResult(int number, String migrationId, FaultPlan plan, List<FiredFault> fired, List<Fault> notReached,
                 EndState endState, String cause, Duration duration, String events, List<Check> checks,
                 Path runDir) {

    boolean correct() {
        return (endState == EndState.COMPLETED || endState == EndState.ROLLED_BACK)
                && checks.stream().allMatch(Check::passed);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("  fault plan (seed ").append(plan.seed()).append("): ").append(plan.describe()).append('\n');
        fired.forEach(f -> text.append("  struck:  ").append(f.describe()).append('\n'));
        notReached.forEach(f -> text.append("  not reached (the run ended first): ").append(f.describe()).append('\n'));
        text.append("  outcome: ").append(endState).append(cause.isEmpty() ? "" : " — " + cause)
                .append(", after ").append(RunObserver.seconds(duration)).append('\n');
        text.append("  events:  ").append(events).append('\n');
        text.append(checks.stream().map(c -> "  " + c.describe()).collect(Collectors.joining("\n"))).append('\n');
        text.append("  => ").append(correct() ? "CORRECT" : "NOT CORRECT, logs in " + runDir);
        return text.toString();
    }
}
