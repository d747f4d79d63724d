package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every coercion rule, table by table: what each column type takes, and what it refuses and why. */
class CoercionRulesTest {

    /** As the snapshot reader (service-support's JsonRecords) reads records: decimals exact, zeros kept. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static final ColumnType INT2 = ColumnType.of("smallint", "int2", "N");
    static final ColumnType INT4 = ColumnType.of("integer", "int4", "N");
    static final ColumnType INT8 = ColumnType.of("bigint", "int8", "N");
    static final ColumnType NUMERIC = ColumnType.of("numeric", "numeric", "N");
    static final ColumnType NUMERIC_10_2 = ColumnType.of("numeric(10,2)", "numeric", "N", ((10 << 16) | 2) + 4);
    static final ColumnType FLOAT8 = ColumnType.of("double precision", "float8", "N");
    static final ColumnType BOOL = ColumnType.of("boolean", "bool", "B");
    static final ColumnType TIMESTAMPTZ = ColumnType.of("timestamp with time zone", "timestamptz", "D");
    static final ColumnType TIMESTAMP = ColumnType.of("timestamp without time zone", "timestamp", "D");
    static final ColumnType DATE = ColumnType.of("date", "date", "D");
    static final ColumnType VARCHAR_5 = ColumnType.of("character varying(5)", "varchar", "S", 9);
    static final ColumnType CHAR_3 = ColumnType.of("character(3)", "bpchar", "S", 7);
    static final ColumnType TEXT = ColumnType.of("text", "text", "S");
    static final ColumnType UUID = ColumnType.of("uuid", "uuid", "U");
    static final ColumnType BYTEA = ColumnType.of("bytea", "bytea", "U");
    static final ColumnType JSONB = ColumnType.of("jsonb", "jsonb", "U");
    static final ColumnType JSON_TYPE = ColumnType.of("json", "json", "U");
    static final ColumnType INT4_ARRAY = ColumnType.of("integer[]", "_int4", "A");
    static final ColumnType NUMERIC_ARRAY = ColumnType.of("numeric[]", "_numeric", "A");
    static final ColumnType BOOL_ARRAY = ColumnType.of("boolean[]", "_bool", "A");
    static final ColumnType TEXT_ARRAY = ColumnType.of("text[]", "_text", "A");
    static final ColumnType VARCHAR_3_ARRAY = ColumnType.of("character varying(3)[]", "_varchar", "A", 7);
    static final ColumnType TIMESTAMPTZ_ARRAY = ColumnType.of("timestamp with time zone[]", "_timestamptz", "A");

    static Stream<Arguments> accepted() {
        return Stream.of(
                // integers: JSON numbers, numbers in strings, whole decimals; range checked per width
                arguments(INT4, "42", "42"),
                arguments(INT4, "\"42\"", "42"),
                arguments(INT4, "\"-007\"", "-7"),
                arguments(INT4, "42.0", "42"),
                arguments(INT4, "\"1e2\"", "100"),
                arguments(INT2, "32767", "32767"),
                arguments(INT2, "-32768", "-32768"),
                arguments(INT4, "-2147483648", "-2147483648"),
                arguments(INT8, "9223372036854775807", "9223372036854775807"),
                arguments(INT8, "\"-9223372036854775808\"", "-9223372036854775808"),
                // exact decimals, never through a double
                arguments(NUMERIC, "\"0.1\"", "0.1"),
                arguments(NUMERIC, "0.1", "0.1"),
                arguments(NUMERIC, "1e-7", "1E-7"),
                arguments(NUMERIC, "12345678901234567890.123456789", "12345678901234567890.123456789"),
                arguments(NUMERIC, "\"12345678901234567890.123456789\"", "12345678901234567890.123456789"),
                arguments(NUMERIC, "1.10", "1.10"),
                arguments(NUMERIC_10_2, "12345678.9", "12345678.9"),
                arguments(NUMERIC_10_2, "1.500", "1.500"),
                arguments(NUMERIC_10_2, "0.000", "0.000"),
                arguments(FLOAT8, "\"0.1\"", "0.1"),
                arguments(FLOAT8, "-2.5e10", "-2.5E+10"),
                // booleans
                arguments(BOOL, "true", "true"),
                arguments(BOOL, "false", "false"),
                arguments(BOOL, "\"true\"", "true"),
                arguments(BOOL, "\"False\"", "false"),
                arguments(BOOL, "1", "true"),
                arguments(BOOL, "0", "false"),
                arguments(BOOL, "\"1\"", "true"),
                arguments(BOOL, "\"0\"", "false"),
                // timestamps: ISO-8601 with offset or epoch milliseconds for timestamptz; local for timestamp
                arguments(TIMESTAMPTZ, "\"2024-03-01T10:00:00+01:00\"", "2024-03-01T10:00+01:00"),
                arguments(TIMESTAMPTZ, "\"2024-03-01T09:00:00Z\"", "2024-03-01T09:00Z"),
                arguments(TIMESTAMPTZ, "\"2024-03-01T09:00:00.123456-05:30\"", "2024-03-01T09:00:00.123456-05:30"),
                arguments(TIMESTAMPTZ, "1709283600000", "2024-03-01T09:00Z"),
                arguments(TIMESTAMPTZ, "1709283600123", "2024-03-01T09:00:00.123Z"),
                arguments(TIMESTAMPTZ, "-1000", "1969-12-31T23:59:59Z"),
                arguments(TIMESTAMP, "\"2024-03-01T10:00:00\"", "2024-03-01T10:00"),
                arguments(TIMESTAMP, "\"2024-03-01T10:00:00.5\"", "2024-03-01T10:00:00.500"),
                arguments(TIMESTAMP, "1709283600000", "2024-03-01T09:00"),
                arguments(DATE, "\"2024-02-29\"", "2024-02-29"),
                // text: as it is; varchar/char limits in characters (code points), not bytes or UTF-16 units
                arguments(TEXT, "\"line 1\\r\\nline 2, \\\"quoted\\\" \\\\ back\"", "line 1\r\nline 2, \"quoted\" \\ back"),
                arguments(TEXT, "12.50", "12.50"),
                arguments(VARCHAR_5, "\"héllo\"", "héllo"),
                arguments(VARCHAR_5, "\"🙂🙂🙂🙂🙂\"", "🙂🙂🙂🙂🙂"),
                arguments(CHAR_3, "\"日本語\"", "日本語"),
                arguments(UUID, "\"3F2504E0-4F89-11D3-9A0C-0305E82C3301\"", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                // json/jsonb: any JSON value, keys in the record's order, decimals exact
                arguments(JSON_TYPE, "{\"b\": 1, \"a\": [true, null, 0.10]}", "{\"b\":1,\"a\":[true,null,0.10]}"),
                arguments(JSONB, "\"just a string\"", "\"just a string\""),
                arguments(JSONB, "42", "42"),
                // arrays: elements coerced like the element type; NULL elements; quoting of every element
                arguments(INT4_ARRAY, "[1, \"2\", null, 3.0]", "{\"1\",\"2\",NULL,\"3\"}"),
                arguments(INT4_ARRAY, "[[1, 2], [3, 4]]", "{{\"1\",\"2\"},{\"3\",\"4\"}}"),
                arguments(NUMERIC_ARRAY, "[0.1, \"1e-7\", 12345678901234567890.123456789]",
                        "{\"0.1\",\"1E-7\",\"12345678901234567890.123456789\"}"),
                arguments(BOOL_ARRAY, "[true, \"0\", 1, null]", "{\"true\",\"false\",\"true\",NULL}"),
                arguments(TEXT_ARRAY, "[\"a,b\", \"say \\\"hi\\\"\", \"back\\\\slash\", \"{x}\", \"NULL\", null, \"\"]",
                        "{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{x}\",\"NULL\",NULL,\"\"}"),
                arguments(TIMESTAMPTZ_ARRAY, "[\"2024-03-01T10:00:00+01:00\", 0]", "{\"2024-03-01T10:00+01:00\",\"1970-01-01T00:00Z\"}"),
                arguments(TEXT_ARRAY, "[]", "{}"));
    }

    @ParameterizedTest(name = "{0} takes {1}")
    @MethodSource("accepted")
    void takes(ColumnType type, String json, String expected) throws Exception {
        assertThat(encode(type, json)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments(INT4, "\" 42 \"", "a string that has blanks around it"),
                arguments(INT4, "\"42abc\"", "a string that is not a number"),
                arguments(INT4, "\"NaN\"", "a string that is not a number"),
                arguments(INT4, "\"\"", "a string that is not a number"),
                arguments(INT4, "true", "a boolean that is not a number"),
                arguments(INT4, "42.5", "a number that is not a whole number"),
                arguments(INT2, "32768", "a number that is out of range: 16-bit integers go from -32768 to 32767"),
                arguments(INT4, "\"2147483648\"", "a string that is out of range: 32-bit integers go from -2147483648"),
                arguments(INT8, "9223372036854775808", "a number that is out of range: 64-bit integers"),
                arguments(INT8, "1e999999", "a number that is out of range"),
                arguments(NUMERIC_10_2, "1.005", "a number that has 3 decimal places, but the column keeps 2"),
                arguments(NUMERIC_10_2, "123456789", "a number that is too large: the column takes at most 8 digits"),
                arguments(BOOL, "\"yes\"", "a string that is not one of \"true\", \"false\", \"1\", \"0\""),
                arguments(BOOL, "\"no\"", "a string that is not one of"),
                arguments(BOOL, "2", "a number that is neither 1 nor 0"),
                arguments(TIMESTAMPTZ, "\"2024-03-01T10:00:00\"", "a string that is a date-time without UTC offset"),
                arguments(TIMESTAMPTZ, "\"2024-03-01\"", "a string that is a date without a time"),
                arguments(TIMESTAMPTZ, "\"01/03/2024 10:00\"", "a string that is not an ISO-8601 date-time with offset"),
                arguments(TIMESTAMPTZ, "\"2024-03-01T09:00:00.1234567Z\"", "more than six fractional digits"),
                arguments(TIMESTAMPTZ, "1709283600000.5", "a number that is not a whole number of milliseconds"),
                arguments(TIMESTAMPTZ, "true", "a boolean that is not an ISO-8601 date-time with offset"),
                arguments(TIMESTAMPTZ, "\"+12024-03-01T10:00:00Z\"", "lies outside the years 1 to 9999"),
                arguments(TIMESTAMP, "\"2024-03-01T10:00:00+01:00\"", "a string that carries a UTC offset"),
                arguments(DATE, "\"2024-03-01T10:00:00Z\"", "a string that is not an ISO-8601 date"),
                arguments(DATE, "20240301", "a number that is not an ISO-8601 date"),
                arguments(VARCHAR_5, "\"toolong\"", "a string that is 7 characters long, over the column's limit of 5"),
                arguments(CHAR_3, "1234", "a number that is 4 characters long, over the column's limit of 3"),
                arguments(UUID, "\"3F2504E04F8911D39A0C0305E82C3301\"", "a string that is not a UUID in standard form"),
                arguments(BYTEA, "\"AAEC/w==\"", "a string that cannot be stored as bytes"),
                arguments(INT4_ARRAY, "[1, \"x\"]", "an array whose element [1] is a string that is not a number"),
                arguments(INT4_ARRAY, "[[1], [2, {}]]", "an array whose element [1][1] is an object that is not a single value"),
                arguments(VARCHAR_3_ARRAY, "[\"abcd\"]", "element [0] is a string that is 4 characters long"),
                arguments(BOOL_ARRAY, "[\"yes\"]", "element [0] is a string that is not one of"));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("refused")
    void refuses(ColumnType type, String json, String reason) {
        assertThatThrownBy(() -> encode(type, json))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageStartingWith("field 'f' holds ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("; column c is " + type.sqlType());
    }

    @Test
    void theMessageNamesTheKindButNeverTheValue() {
        assertThatThrownBy(() -> encode(INT4, "\"secret-4711\""))
                .hasMessage("field 'f' holds a string that is not a number (expected digits with an optional sign, "
                        + "decimal point and exponent, at most 1000 characters); column c is integer")
                .hasMessageNotContaining("4711");
    }

    @Test
    void nulIsRefusedInTextArraysAndJsonAlike() {
        for (ColumnType type : new ColumnType[] {TEXT, VARCHAR_5, TEXT_ARRAY, JSONB, JSON_TYPE}) {
            String json = type.category() == ColumnType.Category.SCALAR ? "\"a\\u0000b\""
                    : type.category() == ColumnType.Category.ARRAY ? "[\"a\\u0000b\"]" : "{\"k\": [\"a\\u0000b\"]}";
            assertThatThrownBy(() -> encode(type, json)).as(type.sqlType())
                    .hasMessage("field 'f' contains the character U+0000, which PostgreSQL cannot store in "
                            + type.sqlType() + "; column c");
        }
        assertThatThrownBy(() -> encode(JSONB, "{\"a\\u0000\": 1}")).hasMessageContaining("U+0000");
    }

    @Test
    void anUnpairedSurrogateIsRefusedRatherThanWrittenAsAQuestionMark() throws Exception {
        for (ColumnType type : new ColumnType[] {TEXT, TEXT_ARRAY, JSONB}) {
            String json = type.category() == ColumnType.Category.SCALAR ? "\"a\\ud800b\""
                    : type.category() == ColumnType.Category.ARRAY ? "[\"\\udc00\"]" : "{\"k\": \"a\\ud83d\"}";
            assertThatThrownBy(() -> encode(type, json)).as(type.sqlType())
                    .hasMessageContaining("field 'f' contains an unpaired UTF-16 surrogate");
        }
        assertThat(encode(TEXT, "\"\\ud83d\\ude00 emoji\"")).isEqualTo("😀 emoji");
    }

    @Test
    void epochSecondsAndBase64OnlyWhenDeclared() throws Exception {
        ValueOptions declared = new ValueOptions(ValueOptions.EpochUnit.SECONDS, ValueOptions.BinaryEncoding.BASE64);
        assertThat(ValueEncoder.encode(new FieldValue("f", JSON.readTree("1709283600")), column(TIMESTAMPTZ), declared))
                .isEqualTo("2024-03-01T09:00Z");
        assertThat(ValueEncoder.encode(new FieldValue("f", JSON.readTree("\"AAEC/w==\"")), column(BYTEA), declared))
                .isEqualTo("\\x000102ff");
        assertThatThrownBy(() -> ValueEncoder.encode(new FieldValue("f", JSON.readTree("\"not base64!\"")),
                column(BYTEA), declared)).hasMessageContaining("is not valid base64");
    }

    @Test
    void deepJsonIsWrittenWhole() throws Exception {
        String deep = "[".repeat(200) + "\"bottom\"" + "]".repeat(200);
        String nested = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        assertThat(encode(JSONB, deep)).isEqualTo(deep);
        assertThat(encode(JSONB, nested)).isEqualTo(nested);
    }

    @Test
    void aHundredKilobyteStringPassesUnchanged() throws Exception {
        String big = "añ🙂\"\\,\n".repeat(100 * 1024 / 8);
        assertThat(encode(TEXT, JSON.writeValueAsString(big))).isEqualTo(big);
    }

    @Test
    void nullIsSqlNullForEveryType() throws Exception {
        for (ColumnType type : new ColumnType[] {INT4, NUMERIC, BOOL, TIMESTAMPTZ, UUID, BYTEA, JSONB, TEXT_ARRAY}) {
            assertThat(encode(type, "null")).as(type.sqlType()).isNull();
        }
    }

    private static String encode(ColumnType type, String json) throws Exception {
        JsonNode value = JSON.readTree(json);
        return ValueEncoder.encode(new FieldValue("f", value), column(type));
    }

    private static TableColumn column(ColumnType type) {
        return new TableColumn("c", type, false);
    }
}
