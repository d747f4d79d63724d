package io.jsonmig.e2e.chaos;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The faults of one run, in the order of the run's course; each strikes when its trigger comes due. */
record FaultPlan(long seed, List<Fault> faults) {

    FaultPlan {
        faults = faults.stream().sorted(Comparator.comparingDouble(f -> f.trigger().course())).toList();
    }

    String describe() {
        return faults.stream().map(Fault::describe).collect(Collectors.joining("; ", "[", "]"));
    }
}
