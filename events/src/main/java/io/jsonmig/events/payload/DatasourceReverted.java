package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The last event of a rollback: the application must use its JSON files again.
 *
 * @param sourceDir   the JSON files; the preceding rollback step says whether they match the backup
 * @param instruction what the application must do, in words
 * @param carriedBack after the cut-over: per collection, what the reverse sync wrote back into the files
 *                    (the writes made in PostgreSQL since the cut-over); empty before the cut-over
 */
public record DatasourceReverted(@JsonProperty(required = true) String sourceDir, String reason,
                                 @JsonProperty(required = true) String instruction,
                                 List<CollectionSync> carriedBack) implements EventPayload {

    public DatasourceReverted {
        carriedBack = carriedBack == null ? List.of() : List.copyOf(carriedBack);
    }

    /** The end of a rollback before the cut-over: nothing to carry back. */
    public DatasourceReverted(String sourceDir, String reason, String instruction) {
        this(sourceDir, reason, instruction, List.of());
    }

    /** The writes made in PostgreSQL since the cut-over that are now in the JSON files. */
    @JsonIgnore
    public long writesCarriedBack() {
        return CollectionSync.totalWrites(carriedBack);
    }

    @Override
    public String describe() {
        if (carriedBack.isEmpty()) {
            return "datasource reverted: " + instruction;
        }
        return "datasource reverted: " + writesCarriedBack() + " write(s) made in PostgreSQL since the cut-over"
                + " are now in the JSON files; " + instruction;
    }
}
