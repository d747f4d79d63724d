package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The data is in PostgreSQL and verified: the application may switch its data source.
 *
 * @param targetProfile the database the application should now use
 * @param tables        the tables that now hold its data
 * @param instruction   what the application must do, in words
 */
public record CutoverReady(@JsonProperty(required = true) String targetProfile, List<String> tables,
                           @JsonProperty(required = true) String instruction) implements EventPayload {

    @Override
    public String describe() {
        return "cut-over ready: " + instruction;
    }
}
