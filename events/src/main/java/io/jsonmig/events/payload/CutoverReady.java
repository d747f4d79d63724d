package io.jsonmig.events.payload;

import java.util.List;

/**
 * The data is in PostgreSQL and verified: the application may switch its data source.
 *
 * @param targetProfile the database the application should now use
 * @param tables        the tables that now hold its data
 * @param instruction   what the application must do, in words
 */
public record CutoverReady(String targetProfile, List<String> tables, String instruction) implements EventPayload {

    @Override
    public String describe() {
        return "cut-over ready: " + instruction;
    }
}
