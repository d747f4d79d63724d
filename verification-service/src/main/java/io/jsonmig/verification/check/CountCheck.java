package io.jsonmig.verification.check;

import io.jsonmig.events.payload.CollectionCheck;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The count check of one collection, as the report keeps it.
 *
 * @param table    the table the collection was loaded into; {@code null} when it was not loaded
 * @param expected records of the collection in the snapshot
 * @param loaded   rows the migration reported loading; {@code null} when it reported none
 * @param actual   rows the table holds; {@code null} when the table could not be counted
 * @param problems every disagreement found, each naming the collection; empty when the check passed
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record CountCheck(String collection, String table, long expected, Long loaded, Long actual,
                         List<String> problems) {

    public CountCheck {
        problems = List.copyOf(problems);
    }

    @JsonProperty
    public boolean passed() {
        return problems.isEmpty();
    }

    /** The form the events carry; a table that could not be counted holds no rows. */
    public CollectionCheck toCollectionCheck() {
        return new CollectionCheck(collection, table, expected, actual == null ? 0 : actual, passed());
    }
}
