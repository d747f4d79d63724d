package io.jsonmig.backup.cutover;

import io.jsonmig.events.payload.RunSpec;

import java.util.List;

/** What the application must do once the cut-over is ready, in words. */
final class CutoverInstruction {

    private CutoverInstruction() {
    }

    static String of(RunSpec spec, List<String> tables) {
        return "switch the application's data source from the JSON files in " + spec.sourceDir()
                + " to PostgreSQL target profile '" + spec.targetProfile() + "' (tables " + String.join(", ", tables)
                + ")";
    }
}
