package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.ColumnMapping;
import io.jsonmig.mappingplan.mapping.ExplicitFieldResolver;
import io.jsonmig.mappingplan.mapping.FieldResolver;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.InferredFieldResolver;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record encoded straight from the parser gets exactly the row its tree gets, byte for byte, or
 * goes to the tree path; the records that must (an unmapped field, NUL, a value the column refuses,
 * a default to fill) do.
 */
class StreamedRecordEncoderTest {

    private static final List<TableColumn> COLUMNS = List.of(
            column("id", "integer", "int4", "N", -1),
            column("small", "smallint", "int2", "N", -1),
            column("big", "bigint", "int8", "N", -1),
            column("name", "text", "text", "S", -1),
            column("code", "character varying(5)", "varchar", "S", 9),
            column("done", "boolean", "bool", "B", -1),
            column("price", "numeric(10,2)", "numeric", "N", ((10 << 16) | 2) + 4),
            column("created_at", "timestamp with time zone", "timestamptz", "D", -1),
            column("address_city", "text", "text", "S", -1),
            column("address_geo_lat", "numeric", "numeric", "N", -1),
            column("tags", "text[]", "_text", "A", -1),
            column("company", "jsonb", "jsonb", "U", -1));

    /** Each record: whether it takes the streamed path. */
    private static final Map<String, Boolean> RECORDS = records();

    @TempDir
    Path dir;

    private static Map<String, Boolean> records() {
        Map<String, Boolean> records = new LinkedHashMap<>();
        records.put("{\"id\": 1, \"name\": \"Zoë 😀 中文 שלום \\\"quoted\\\", back\\\\slash\\nline\", \"done\": true}", true);
        records.put("{\"name\": \"\", \"id\": 2147483647, \"small\": -32768, \"big\": 9223372036854775807}", true);
        records.put("{\"id\": -7, \"code\": \"ab😀\", \"done\": false, \"price\": 12.50, \"created_at\": "
                + "\"2024-02-07T15:00:06+02:00\"}", true);
        records.put("{\"id\": 3, \"address\": {\"city\": \"Quito\", \"geo\": {\"lat\": -0.0955}}, \"tags\": [\"a\", \"b,c\"], "
                + "\"company\": {\"name\": \"Lockman\", \"n\": 1.50}}", true);
        records.put("{\"id\": null, \"name\": null, \"address\": null, \"company\": null, \"tags\": null}", true);
        records.put("{\"id\": \"42\", \"small\": 1, \"done\": \"1\", \"big\": 12, \"name\": 17}", true);
        records.put("{\"id\": 4, \"name\": \"" + "長".repeat(100_000) + "\"}", true);
        // the tree path decides these
        records.put("{\"id\": 5, \"unmapped\": 1}", false);
        records.put("{\"id\": 6, \"name\": \"nul \\u0000 inside\"}", false);
        records.put("{\"id\": 7, \"small\": 40000}", false);
        records.put("{\"id\": 8, \"code\": \"toolong\"}", false);
        records.put("{\"id\": 9, \"price\": 1.005}", false);
        records.put("{\"id\": 10, \"address\": \"not an object\"}", false);
        records.put("{\"id\": -0}", true);
        records.put("{\"id\": 11, \"name\": [\"an\", \"array\"]}", false);
        return records;
    }

    @Test
    void aMappingFilesRecordsGetTheRowsOfTheirTrees() throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        for (TableColumn column : COLUMNS) {
            paths.put(column.name().equals("created_at") ? "created_at" : column.name().replace("address_geo_", "address.geo.")
                    .replace("address_city", "address.city"), column.name());
        }
        FieldResolver resolver = new ExplicitFieldResolver(CollectionMapping.of("items", "items", paths), Path.of("m.json"), "run");

        assertSameRowsAsTrees(resolver, RECORDS);
    }

    @Test
    void inferredNamesGetTheRowsOfTheirTrees() throws IOException {
        FieldResolver resolver = new InferredFieldResolver(new TargetTable(new TableName("public", "items"), 1, COLUMNS));

        assertSameRowsAsTrees(resolver, RECORDS);
    }

    @Test
    void aColumnWithADefaultSendsARecordWithoutTheFieldToItsTree() throws IOException {
        Map<String, ColumnMapping> columns = new LinkedHashMap<>();
        columns.put("id", ColumnMapping.of("id"));
        columns.put("name", new ColumnMapping("name", Optional.of(JsonNodeFactory.instance.textNode("anonymous")),
                ValueOptions.DEFAULTS));
        FieldResolver resolver = new ExplicitFieldResolver(new CollectionMapping("items", "items", Optional.empty(),
                Optional.empty(), columns, List.of()), Path.of("m.json"), "run");
        Map<String, Boolean> records = new LinkedHashMap<>();
        records.put("{\"id\": 1, \"name\": \"given\"}", true);
        records.put("{\"id\": 2}", false);
        records.put("{\"id\": 3, \"name\": null}", false);

        assertSameRowsAsTrees(resolver, records);
    }

    private void assertSameRowsAsTrees(FieldResolver resolver, Map<String, Boolean> records) throws IOException {
        Files.writeString(dir.resolve("items.ndjson"), String.join("\n", records.keySet()) + "\n");
        SourceSet source = SourceScanner.scan(dir);
        List<String> trees = new ArrayList<>();
        JsonRecords.read(source, "items", (collection, position, record) -> trees.add(treeRow(resolver, record, position)));
        List<String> streamed = new ArrayList<>();
        StreamedRecordEncoder encoder = new StreamedRecordEncoder(resolver.routes().orElseThrow(), COLUMNS);
        JsonRecords.stream(source, "items", 0, (position, parser, start, bytes) -> {
            CopyBuffer row = new CopyBuffer(16);
            streamed.add(encoder.encode(parser, row) ? row.toString() : null);
        });

        List<Boolean> expected = new ArrayList<>(records.values());
        for (int i = 0; i < trees.size(); i++) {
            if (expected.get(i)) {
                assertThat(streamed.get(i)).as("record %d streamed", i).isEqualTo(trees.get(i));
            } else {
                assertThat(streamed.get(i)).as("record %d goes to its tree", i).isNull();
            }
        }
        assertThat(streamed).hasSize(records.size());
    }

    /** The row the tree path writes, or the reason it refuses the record. */
    private static String treeRow(FieldResolver resolver, com.fasterxml.jackson.databind.node.ObjectNode record,
                                  long position) {
        try {
            Map<String, FieldValue> values = resolver.resolve(record, position);
            List<String> row = new ArrayList<>();
            for (TableColumn column : COLUMNS) {
                FieldValue value = values.get(column.name());
                row.add(value == null ? null : ValueEncoder.encode(value, column));
            }
            CopyBuffer out = new CopyBuffer(16);
            out.appendRow(row);
            return out.toString();
        } catch (UnmappableRecord refused) {
            return "refused: " + refused.getMessage();
        }
    }

    private static TableColumn column(String name, String sqlType, String base, String category, int typmod) {
        return new TableColumn(name, ColumnType.of(sqlType, base, category, typmod), false);
    }
}
