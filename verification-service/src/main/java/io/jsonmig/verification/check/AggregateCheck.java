package io.jsonmig.verification.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The figures of one column as the snapshot says and as the table holds; each disagreement named. */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record AggregateCheck(String column, String type, ColumnFigures expected, ColumnFigures actual,
                             List<String> problems) {

    public AggregateCheck {
        problems = List.copyOf(problems);
    }

    @JsonProperty
    public boolean passed() {
        return problems.isEmpty();
    }
}
