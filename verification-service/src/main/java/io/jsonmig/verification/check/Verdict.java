package io.jsonmig.verification.check;

import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.verification.smoke.SmokeCheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything a verification found: the counts, whether the run's plan still fits the target, each
 * table row by row, and the smoke checks. Passed only when all of them passed.
 *
 * @param mode {@code full}, or says which tables were compared on a sample
 */
public record Verdict(CountVerdict counts, List<String> planProblems, List<TableVerification> tables,
                      List<SmokeCheckResult> smoke, String mode) {

    private static final int SUMMARISED = 10;

    public Verdict {
        planProblems = List.copyOf(planProblems);
        tables = List.copyOf(tables);
        smoke = List.copyOf(smoke);
    }

    /** The same data checks with the smoke checks that ran after them. */
    public Verdict withSmoke(List<SmokeCheckResult> smokeChecks) {
        return new Verdict(counts, planProblems, tables, smokeChecks, mode);
    }

    /** The same checks and problems the caller found besides them (listed after the plan's). */
    public Verdict withProblems(List<String> problems) {
        List<String> all = new ArrayList<>(planProblems);
        all.addAll(problems);
        return new Verdict(counts, all, tables, smoke, mode);
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /** Every problem, counts first, then the plan, the tables in load order, the smoke checks. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        counts.checks().forEach(c -> failures.addAll(c.problems()));
        failures.addAll(planProblems);
        tables.forEach(t -> failures.addAll(t.problems()));
        smoke.stream().filter(s -> !s.passed()).map(SmokeCheckResult::problem).forEach(failures::add);
        return failures;
    }

    /**
     * Why the rollback of a failed verification is asked for: {@code SMOKE_CHECK} when the data agree and
     * only smoke checks failed, {@code DATA_INTEGRITY} when anything about the data did.
     */
    public RollbackTrigger rollbackTrigger() {
        long smokeFailures = smoke.stream().filter(s -> !s.passed()).count();
        return smokeFailures > 0 && failures().size() == smokeFailures ? RollbackTrigger.SMOKE_CHECK
                : RollbackTrigger.DATA_INTEGRITY;
    }

    public String summary() {
        List<String> failures = failures();
        if (failures.isEmpty()) {
            long rows = tables.stream().mapToLong(TableVerification::matched).sum();
            return counts.summary() + "; row by row: " + rows + " row(s) of " + tables.size()
                    + " table(s) equal to the snapshot" + (mode.equals("full") ? "" : " (" + mode + ")")
                    + ", every column's figures and every key agree"
                    + (smoke.isEmpty() ? "" : "; " + smoke.size() + " smoke check(s) passed");
        }
        return failures.size() + " problem(s): " + failures.stream().limit(SUMMARISED)
                .collect(Collectors.joining("; ")) + (failures.size() > SUMMARISED ? "; ..." : "");
    }

    /** The events' form: a collection passes when its count and its table's checks pass. */
    public List<CollectionCheck> collectionChecks() {
        return counts.checks().stream().map(c -> {
            CollectionCheck check = c.toCollectionCheck();
            boolean tablePassed = tables.stream().filter(t -> t.collection().equals(c.collection()))
                    .allMatch(TableVerification::passed);
            return new CollectionCheck(check.collection(), check.table(), check.expected(), check.actual(),
                    check.passed() && tablePassed);
        }).toList();
    }

    public TableVerification table(String collection) {
        return tables.stream().filter(t -> Objects.equals(t.collection(), collection)).findFirst().orElse(null);
    }
}
