package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The last event of a rollback: the application must use its JSON files again.
 *
 * @param sourceDir   the JSON files; the preceding rollback step says whether they match the backup
 * @param instruction what the application must do, in words
 */
public record DatasourceReverted(@JsonProperty(required = true) String sourceDir, String reason,
                                 @JsonProperty(required = true) String instruction) implements EventPayload {

    @Override
    public String describe() {
        return "datasource reverted: " + instruction;
    }
}
