package io.jsonmig.verification.keys;

import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.support.messaging.PhaseFailure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The keys a table declares, checked in SQL against what it holds: no two rows share the values of a
 * unique constraint (NULLs aside), and every foreign key whose columns are all set finds its parent row.
 * PostgreSQL enforces both while they are declared and valid; they catch rows written while they
 * were not (dropped and re-created, {@code NOT VALID}, triggers disabled). Names come from the catalog
 * and are quoted; nothing else reaches the SQL text.
 */
public final class KeyChecks {

    private final Connection connection;
    private final TargetTable table;
    private final List<String> rowKey;
    private final int examples;

    public KeyChecks(Connection connection, TargetTable table, List<String> rowKey, int examples) {
        this.connection = connection;
        this.table = table;
        this.rowKey = rowKey;
        this.examples = Math.max(1, examples);
    }

    public List<KeyCheck> uniques(TableKeys keys) {
        List<KeyCheck> checks = new ArrayList<>();
        for (TableKeys.Unique unique : keys.uniques()) {
            String columns = quoted(unique.columns());
            String sql = "SELECT " + texts(unique.columns()) + ", count(*) OVER () FROM " + table.name().sql()
                    + " WHERE " + notNull(unique.columns(), "") + " GROUP BY " + columns + " HAVING count(*) > 1 LIMIT "
                    + examples;
            checks.add(run(KeyCheck.Kind.UNIQUE_CONSTRAINT, unique.name(), unique.columns(), sql, unique.columns(),
                    List.of()));
        }
        return checks;
    }

    public List<KeyCheck> foreignKeys(TableKeys keys) {
        List<KeyCheck> checks = new ArrayList<>();
        for (TableKeys.ForeignKey fk : keys.foreignKeys()) {
            String match = IntStream.range(0, fk.columns().size())
                    .mapToObj(i -> "p." + Identifiers.quote(fk.referencedColumns().get(i)) + " = c."
                            + Identifiers.quote(fk.columns().get(i)))
                    .collect(Collectors.joining(" AND "));
            List<String> shown = new ArrayList<>(rowKey);
            String sql = "SELECT " + (shown.isEmpty() ? "" : prefixedTexts(shown, "c.") + ", ")
                    + prefixedTexts(fk.columns(), "c.") + ", count(*) OVER () FROM " + table.name().sql() + " c WHERE "
                    + notNull(fk.columns(), "c.") + " AND NOT EXISTS (SELECT 1 FROM " + fk.referencedTable()
                    + " p WHERE " + match + ") LIMIT " + examples;
            checks.add(run(KeyCheck.Kind.FOREIGN_KEY, fk.name(), fk.columns(), sql, fk.columns(), shown));
        }
        return checks;
    }

    private KeyCheck run(KeyCheck.Kind kind, String name, List<String> columns, String sql, List<String> valueColumns,
                         List<String> keyColumns) {
        long violations = 0;
        List<String> found = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                int i = 1;
                List<String> key = new ArrayList<>();
                for (String column : keyColumns) {
                    key.add(column + "=" + rs.getString(i++));
                }
                List<String> values = new ArrayList<>();
                for (String column : valueColumns) {
                    values.add(column + "=" + rs.getString(i++));
                }
                violations = rs.getLong(i);
                found.add(key.isEmpty() ? String.join(", ", values)
                        : String.join(", ", key) + ": " + String.join(", ", values));
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot check " + kind.name().toLowerCase().replace('_', ' ') + " " + name + " of "
                    + table.name() + ": " + e.getMessage());
        }
        return new KeyCheck(kind, name, columns, violations, found);
    }

    private static String quoted(List<String> columns) {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    private static String texts(List<String> columns) {
        return prefixedTexts(columns, "");
    }

    private static String prefixedTexts(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + Identifiers.quote(c) + "::text").collect(Collectors.joining(", "));
    }

    private static String notNull(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + Identifiers.quote(c) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
    }
}
