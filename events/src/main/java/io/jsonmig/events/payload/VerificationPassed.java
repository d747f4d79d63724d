package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Every check agreed. backup-service then compares the live JSON files with the snapshot and, when
 * they still match, announces {@link CutoverReady}.
 *
 * @param tables the tables that now hold the data, child tables included, in load order; empty
 *               from producers that do not name them (the checks' tables stand in)
 */
public record VerificationPassed(@JsonProperty(required = true) RunSpec spec,
                                 @JsonProperty(required = true) List<CollectionCheck> checks,
                                 String reportLocation,
                                 List<String> tables)
        implements EventPayload {

    public VerificationPassed {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public VerificationPassed(RunSpec spec, List<CollectionCheck> checks, String reportLocation) {
        this(spec, checks, reportLocation, List.of());
    }

    /** The tables the application switches to: those named, else those of the checks. */
    public List<String> tablesToSwitch() {
        return !tables.isEmpty() ? tables : checks.stream().map(CollectionCheck::table).distinct().toList();
    }

    @Override
    public String describe() {
        return "verification passed: " + checks.size() + " check(s) agree";
    }
}
