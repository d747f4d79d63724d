package io.jsonmig.mappingplan.catalog;

import io.jsonmig.mappingplan.target.TableName;

import java.util.List;
import java.util.Optional;

/** A table of the target with its columns in their declared order. */
public record TargetTable(TableName name, long oid, List<TableColumn> columns) {

    public TargetTable {
        columns = List.copyOf(columns);
    }

    public Optional<TableColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public boolean hasColumnStartingWith(String prefix) {
        return columns.stream().anyMatch(c -> c.name().startsWith(prefix));
    }
}
