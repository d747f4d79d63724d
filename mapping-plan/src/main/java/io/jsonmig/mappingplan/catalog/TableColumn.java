package io.jsonmig.mappingplan.catalog;

/** A column of a target table; generated columns cannot be written. */
public record TableColumn(String name, ColumnType type, boolean generated) {
}
