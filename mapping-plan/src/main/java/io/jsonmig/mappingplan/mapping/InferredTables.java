package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.target.TableName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which table a collection loads into when no mapping file names it: the table of the same name, or
 * of its snake_case, in the default schema.
 */
public final class InferredTables {

    private InferredTables() {
    }

    /** The names looked for, in order. */
    public static List<TableName> candidates(String collection, String defaultSchema) {
        List<TableName> names = new ArrayList<>();
        names.add(new TableName(defaultSchema, collection));
        TableName snake = new TableName(defaultSchema, Names.snakeCase(collection));
        if (!names.contains(snake)) {
            names.add(snake);
        }
        return names;
    }

    public static Optional<TargetTable> find(TargetCatalog catalog, String collection, String defaultSchema)
            throws SQLException {
        for (TableName name : candidates(collection, defaultSchema)) {
            Optional<TargetTable> table = catalog.table(name);
            if (table.isPresent()) {
                return table;
            }
        }
        return Optional.empty();
    }
}
