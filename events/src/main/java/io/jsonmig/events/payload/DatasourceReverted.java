package io.jsonmig.events.payload;

/**
 * The last event of a rollback: the application must use its JSON files again.
 *
 * @param sourceDir   the JSON files, confirmed identical to the backup
 * @param instruction what the application must do, in words
 */
public record DatasourceReverted(String sourceDir, String reason, String instruction) implements EventPayload {

    @Override
    public String describe() {
        return "datasource reverted: " + instruction;
    }
}
