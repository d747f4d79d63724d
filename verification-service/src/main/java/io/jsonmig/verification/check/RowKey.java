package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.verification.keys.TableKeys;
import io.jsonmig.verification.rows.RowHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns that match a record with its row: the primary key; without one, the first unique
 * constraint; without one, a column named {@code id}; without that, the whole row (a row then can only
 * be missing or extra, never different).
 *
 * @param indexes the key columns' positions among the compared columns
 */
public record RowKey(List<String> columns, int[] indexes, String source) {

    private static final int SHOWN = 100;

    public static RowKey choose(TableKeys keys, List<TableColumn> compared) {
        List<String> names = compared.stream().map(TableColumn::name).toList();
        if (keys.primaryKey().isPresent() && names.containsAll(keys.primaryKey().get())) {
            return of(keys.primaryKey().get(), names, "primary key");
        }
        for (TableKeys.Unique unique : keys.uniques()) {
            if (names.containsAll(unique.columns())) {
                return of(unique.columns(), names, "unique constraint " + unique.name()
                        + " (the table declares no primary key the load fills)");
            }
        }
        if (names.contains("id")) {
            return of(List.of("id"), names, "column id (the table declares no primary key or unique constraint)");
        }
        return new RowKey(List.of(), new int[0], "the whole row (the table declares no key)");
    }

    private static RowKey of(List<String> key, List<String> names, String source) {
        return new RowKey(List.copyOf(key), key.stream().mapToInt(names::indexOf).toArray(), source);
    }

    public String keyOf(List<String> values) {
        if (indexes.length == 0) {
            return RowHasher.key(values);
        }
        List<String> key = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            key.add(values.get(index));
        }
        return RowHasher.key(key);
    }

    /** The key's values, as {@link #keyOf} joined them. */
    public List<String> values(String key) {
        return Arrays.stream(key.split("\u0000", -1)).map(v -> v.equals("\u0001NULL") ? null : v).toList();
    }

    /** {@code id=7}, {@code (a=1, b=x)}; a whole-row key cut short. */
    public String display(String key) {
        if (columns.isEmpty()) {
            String row = RowHasher.display(key);
            return row.length() > SHOWN ? row.substring(0, SHOWN) + "…" : row;
        }
        List<String> values = values(key);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i) + "=" + (i < values.size() ? values.get(i) : "?"));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && k.columns.equals(columns) && Arrays.equals(k.indexes, indexes)
                && k.source.equals(source);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns + " (" + source + ")";
    }
}
