package io.jsonmig.verification.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Schema conformance of one mapped column: it exists with this type, and how many records hold a value
 * the type cannot store (which the migration should have rejected).
 *
 * @param notStorable   records (not rejected) whose value the column's type cannot hold
 * @param firstExample  the first of them: record position and why; {@code null} when none
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record ColumnCheck(String column, String type, long notStorable, String firstExample) {

    @JsonProperty
    public boolean passed() {
        return notStorable == 0;
    }
}
