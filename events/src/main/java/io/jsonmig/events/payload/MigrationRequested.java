package io.jsonmig.events.payload;

/** The operator starts a run. Triggers the backup. */
public record MigrationRequested(RunSpec spec) implements EventPayload {

    @Override
    public String describe() {
        return "migration requested: source " + spec.sourceDir() + ", schema " + spec.schemaDir()
                + ", target profile " + spec.targetProfile();
    }
}
