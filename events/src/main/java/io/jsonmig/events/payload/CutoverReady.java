package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The data is in PostgreSQL and verified: the application may switch its data source.
 *
 * @param targetProfile the database the application should now use
 * @param tables        the tables that now hold its data
 * @param instruction   what the application must do, in words
 * @param stabilization the window that opens now; absent or zero: the run ends at this cut-over. It is
 *                      carried here, not only in the run's spec, so a consumer that meets the cut-over
 *                      before any other event of the run still knows whether the way back is open.
 */
public record CutoverReady(@JsonProperty(required = true) String targetProfile, List<String> tables,
                           @JsonProperty(required = true) String instruction,
                           Stabilization stabilization) implements EventPayload {

    public CutoverReady(String targetProfile, List<String> tables, String instruction) {
        this(targetProfile, tables, instruction, null);
    }

    @Override
    public String describe() {
        return "cut-over ready: " + instruction;
    }
}
