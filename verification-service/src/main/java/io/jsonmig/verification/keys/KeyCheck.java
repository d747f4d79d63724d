package io.jsonmig.verification.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A key the table must keep: the key rows are compared by (unique), a declared unique constraint, or a
 * foreign key (no orphans).
 *
 * @param violations rows that break it (duplicated keys, orphans)
 * @param examples   the first of them, by key and value ({@code id=5: post_id=9999})
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record KeyCheck(Kind kind, String name, List<String> columns, long violations, List<String> examples) {

    public enum Kind { ROW_KEY_UNIQUE, UNIQUE_CONSTRAINT, FOREIGN_KEY }

    public KeyCheck {
        columns = List.copyOf(columns);
        examples = List.copyOf(examples);
    }

    @JsonProperty
    public boolean passed() {
        return violations == 0;
    }

    public String describe(String table) {
        return switch (kind) {
            case ROW_KEY_UNIQUE -> violations + " key(s) of " + table + " (" + String.join(", ", columns)
                    + ") held by more than one row";
            case UNIQUE_CONSTRAINT -> violations + " duplicate(s) of unique constraint " + name + " ("
                    + String.join(", ", columns) + ") in " + table;
            case FOREIGN_KEY -> violations + " orphan row(s) of " + table + ": foreign key " + name + " ("
                    + String.join(", ", columns) + ") finds no parent row"
                    + (examples.isEmpty() ? "" : " (" + String.join("; ", examples.stream()
                    .map(e -> e.substring(0, e.indexOf(':') < 0 ? e.length() : e.indexOf(':'))).toList()) + ")");
        };
    }
}
