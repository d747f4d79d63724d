package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A dry run ({@link RunSpec#dryRun()}) went through backup, load and verification into its throwaway
 * schema, and migration-service has removed that schema again. Ends the run in place of
 * {@code cutover.ready}: nothing was cut over, the application never switched.
 *
 * @param targetProfile  the database the rehearsal loaded into
 * @param schema         the throwaway schema ({@link DryRuns#schemaFor})
 * @param tables         the tables that were loaded and verified there
 * @param removed        what the clean-up removed, for the report
 * @param reportLocation the verification report, the same as a real run's
 */
public record DryRunCompleted(@JsonProperty(required = true) String targetProfile,
                              @JsonProperty(required = true) String schema,
                              List<String> tables,
                              List<String> removed,
                              String reportLocation) implements EventPayload {

    public DryRunCompleted {
        tables = tables == null ? List.of() : List.copyOf(tables);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    @Override
    public String describe() {
        return "dry run completed: " + tables.size() + " table(s) loaded and verified in throwaway schema "
                + schema + " of target profile " + targetProfile + ", then removed; nothing was cut over";
    }
}
