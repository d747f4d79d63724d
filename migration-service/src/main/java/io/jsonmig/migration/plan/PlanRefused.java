package io.jsonmig.migration.plan;

import java.util.List;

/** A request that cannot be planned for as it is: bad paths, an unreadable source, an unknown or invalid profile. */
public class PlanRefused extends RuntimeException {

    private final List<String> problems;

    public PlanRefused(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
