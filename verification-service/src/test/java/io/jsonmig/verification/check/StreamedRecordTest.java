package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.mapping.FieldResolver;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.InferredFieldResolver;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.mappingplan.value.ColumnValues;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Values read from the tokens by the routes are the values the tree path gives. */
class StreamedRecordTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private static TableColumn column(String name, String sql, String base, String category) {
        return new TableColumn(name, ColumnType.of(sql, base, category), false);
    }

    private static final List<TableColumn> COLUMNS = List.of(
            column("id", "integer", "int4", "N"),
            column("name", "text", "text", "S"),
            column("score", "numeric(9,6)", "numeric", "N"),
            column("ratio", "double precision", "float8", "N"),
            column("active", "boolean", "bool", "B"),
            column("created_at", "timestamp with time zone", "timestamptz", "D"),
            column("address_city", "text", "text", "S"),
            column("address_geo_lat", "numeric", "numeric", "N"),
            column("company", "jsonb", "jsonb", "U"));

    @Test
    void everyValueIsTheTreePathsValue() throws Exception {
        TargetTable table = new TargetTable(new TableName("public", "people"), 1, COLUMNS);
        FieldResolver resolver = new InferredFieldResolver(table);
        StreamedRecord streamed = new StreamedRecord(resolver.routes().orElseThrow(), COLUMNS);
        String[] records = {
            "{\"id\":1,\"name\":\"cafe\\u0301\",\"score\":-0.095500,\"ratio\":0.1,\"active\":true,"
                + "\"createdAt\":\"2024-03-01T10:00:00+01:00\",\"address\":{\"city\":\"Ατλάντα\",\"geo\":{\"lat\":\"12.50\"}},"
                + "\"company\":{\"z\":1,\"a\":[1.50,\"\\u00e9\"]}}",
            "{\"id\":-0,\"name\":42,\"score\":\"7\",\"active\":\"TRUE\",\"address\":null,\"company\":null}",
            "{\"id\":\"17\",\"name\":null,\"ratio\":1e3,\"active\":0,\"createdAt\":1700000000000}",
            "{\"id\":9223372036854775807,\"name\":\"plain ascii, \\\"quoted\\\"\",\"score\":1.5e2,\"address\":{\"geo\":null}}",
            "{\"id\":3.5,\"active\":\"maybe\",\"company\":[1,{\"b\":2,\"a\":1}]}",
        };
        for (String json : records) {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
            Map<String, FieldValue> resolved = resolver.resolve(tree, 0);
            List<String> fromTree = new ArrayList<>();
            for (TableColumn c : COLUMNS) {
                FieldValue value = resolved.get(c.name());
                fromTree.add(value == null ? null : ColumnValues.expected(c.type(), value.value(),
                        value.options() == null ? ValueOptions.DEFAULTS : value.options()));
            }
            try (JsonParser parser = MAPPER.createParser(json)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                List<String> fromTokens = streamed.read(parser);
                assertThat(fromTokens).as(json).isEqualTo(fromTree);
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            }
        }
    }

    @Test
    void aFieldWithoutAColumnSendsTheRecordToItsTree() throws Exception {
        TargetTable table = new TargetTable(new TableName("public", "people"), 1, COLUMNS);
        StreamedRecord streamed = new StreamedRecord(new InferredFieldResolver(table).routes().orElseThrow(), COLUMNS);
        String json = "{\"id\":1,\"nickname\":{\"x\":[1,2]},\"name\":\"a\"}";
        try (JsonParser parser = MAPPER.createParser(json)) {
            parser.nextToken();
            assertThat(streamed.read(parser)).isNull();
            assertThat(parser.currentToken()).as("read to the record's end").isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isNull();
        }
    }
}
