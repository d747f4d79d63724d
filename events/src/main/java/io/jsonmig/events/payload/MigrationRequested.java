package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The operator starts a run. Triggers the backup. */
public record MigrationRequested(@JsonProperty(required = true) RunSpec spec) implements EventPayload {

    @Override
    public String describe() {
        return "migration requested: source " + spec.sourceDir() + ", schema " + spec.schemaDir()
                + ", target profile " + spec.targetProfile()
                + (spec.maintenanceWindow() == null ? "" : ", maintenance window at "
                        + spec.maintenanceWindow().describe());
    }
}
