package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.target.Identifiers;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A row's key as a JSON object in SQL, {@code {"id": 3}}: {@code jsonb_build_object} of the key's
 * column names (bound as parameters) and values (quoted identifiers).
 */
final class KeyObject {

    private KeyObject() {
    }

    /** The expression; its parameters are the column names, bound by {@link #bind}. */
    static String of(List<String> columns) {
        return "jsonb_build_object(" + columns.stream().map(c -> "?, " + Identifiers.quote(c))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Binds the column names from parameter {@code first} on; returns the next parameter's index. */
    static int bind(PreparedStatement statement, int first, List<String> columns) throws SQLException {
        int index = first;
        for (String column : columns) {
            statement.setString(index++, column);
        }
        return index;
    }
}
