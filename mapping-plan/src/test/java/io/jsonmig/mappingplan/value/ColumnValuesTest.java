package io.jsonmig.mappingplan.value;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same value in its JSON form and in PostgreSQL's gives one canonical text; another value another. */
class ColumnValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ValueOptions DEFAULTS = ValueOptions.DEFAULTS;

    private static ColumnType type(String sql, String base) {
        return ColumnType.of(sql, base, base.startsWith("_") ? "A" : "");
    }

    private static String expected(ColumnType type, String json) throws Exception {
        return ColumnValues.expected(type, JSON.readTree(json), DEFAULTS);
    }

    @Test
    void timestampsWithOffsetsAreTheirInstant() throws Exception {
        ColumnType tz = type("timestamp with time zone", "timestamptz");
        assertThat(expected(tz, "\"2024-03-01T10:00:00+01:00\"")).isEqualTo("2024-03-01T09:00:00.000000Z")
                .isEqualTo(expected(tz, "\"2024-03-01T09:00:00Z\""))
                .isEqualTo(expected(tz, "1709283600000"))
                .isEqualTo(ColumnValues.stored(tz, "2024-03-01T09:00:00.000000"));
        assertThat(ColumnValues.expected(tz, JSON.readTree("1709283600"),
                new ValueOptions(ValueOptions.EpochUnit.SECONDS, ValueOptions.BinaryEncoding.UNDECLARED)))
                .isEqualTo("2024-03-01T09:00:00.000000Z");
        assertThat(expected(tz, "\"2024-03-01T10:00:00+02:00\"")).isNotEqualTo(expected(tz, "\"2024-03-01T10:00:00+01:00\""));
        assertThat(ColumnValues.readExpression(tz, "created_at")).contains("AT TIME ZONE 'UTC'");
    }

    @Test
    void decimalsCompareByValueNotByScale() throws Exception {
        ColumnType numeric = type("numeric(9,6)", "numeric");
        assertThat(expected(numeric, "-0.0955")).isEqualTo(ColumnValues.stored(numeric, "-0.095500")).isEqualTo("-0.0955");
        assertThat(expected(numeric, "\"12345678901234567890.123456789\"")).isEqualTo("12345678901234567890.123456789");
        assertThat(expected(numeric, "0.00")).isEqualTo(ColumnValues.stored(numeric, "0.000000")).isEqualTo("0");
        assertThat(expected(numeric, "-0.0955")).isNotEqualTo(ColumnValues.stored(numeric, "-0.100000"));
        ColumnType integer = type("integer", "int4");
        assertThat(expected(integer, "42.0")).isEqualTo(expected(integer, "\"42\"")).isEqualTo(ColumnValues.stored(integer, "42"));
        assertThat(expected(integer, "42.5")).startsWith("<not storable");
        ColumnType float8 = type("double precision", "float8");
        assertThat(expected(float8, "0.1")).isEqualTo(ColumnValues.stored(float8, "0.1"));
    }

    @Test
    void storedNumbersReadWithoutBigDecimalAreCanonicalToo() throws Exception {
        ColumnType numeric = type("numeric", "numeric");
        for (String text : new String[] {"100", "100.00", "-12.3400", "0.50", "-0.000", "7", "-0.0955", "1000.001",
                "NaN", "0012.5"}) {
            String viaBigDecimal = text.equals("NaN") ? null : decimal(text);
            if (viaBigDecimal != null) {
                assertThat(ColumnValues.stored(numeric, text)).as(text).isEqualTo(viaBigDecimal);
            }
        }
        ColumnType integer = type("bigint", "int8");
        for (String text : new String[] {"0", "-7", "42", "9223372036854775807", "-9223372036854775808"}) {
            assertThat(ColumnValues.stored(integer, text)).isEqualTo(decimal(text));
        }
        assertThat(expected(integer, "9223372036854775807")).isEqualTo("9223372036854775807");
        assertThat(expected(integer, "-0")).isEqualTo("0");
        assertThat(expected(integer, "1e3")).isEqualTo("1000");
    }

    private static String decimal(String text) {
        java.math.BigDecimal number = new java.math.BigDecimal(text);
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    @Test
    void unicodeFormsAreOneText() throws Exception {
        ColumnType text = type("text", "text");
        String composed = "\"caf\u00e9\"";
        String decomposed = "\"cafe\u0301\"";
        assertThat(expected(text, composed)).isEqualTo(expected(text, decomposed))
                .isEqualTo(ColumnValues.stored(text, "cafe\u0301"));
        assertThat(expected(text, "\"abc\"")).isNotEqualTo(ColumnValues.stored(text, "ab"));
        assertThat(expected(text, "17")).isEqualTo("17");
        ColumnType bpchar = type("character(5)", "bpchar");
        assertThat(expected(bpchar, "\"ab\"")).isEqualTo(ColumnValues.stored(bpchar, "ab"));
    }

    @Test
    void booleansInEveryFormTheLoadAccepts() throws Exception {
        ColumnType bool = type("boolean", "bool");
        assertThat(expected(bool, "true")).isEqualTo(expected(bool, "\"TRUE\"")).isEqualTo(expected(bool, "1"))
                .isEqualTo(expected(bool, "\"1\"")).isEqualTo(ColumnValues.stored(bool, "true"));
        assertThat(expected(bool, "0")).isEqualTo(ColumnValues.stored(bool, "false"));
        assertThat(expected(bool, "\"yes\"")).startsWith("<not storable");
    }

    @Test
    void jsonbKeyOrderAndNumberScaleDoNotMatter() throws Exception {
        ColumnType jsonb = type("jsonb", "jsonb");
        assertThat(expected(jsonb, "{\"name\": \"x\", \"bs\": [1.50, {\"b\": 1, \"a\": null}]}"))
                .isEqualTo(ColumnValues.stored(jsonb, "{\"bs\": [1.5, {\"a\": null, \"b\": 1}], \"name\": \"x\"}"));
        assertThat(expected(jsonb, "{\"a\": 1}")).isNotEqualTo(ColumnValues.stored(jsonb, "{\"a\": 2}"));
    }

    @Test
    void arraysElementByElement() throws Exception {
        ColumnType tags = type("text[]", "_text");
        assertThat(expected(tags, "[\"a\", \"b,c\", null]")).isEqualTo(ColumnValues.stored(tags, "[\"a\",\"b,c\",null]"));
        ColumnType times = type("timestamp with time zone[]", "_timestamptz");
        assertThat(expected(times, "[\"2024-03-01T10:00:00+01:00\"]"))
                .isEqualTo(ColumnValues.stored(times, "[\"2024-03-01T09:00:00+00:00\"]"));
        assertThat(expected(tags, "\"a\"")).startsWith("<not storable");
    }

    @Test
    void localDateTimesDatesAndFloats() throws Exception {
        ColumnType timestamp = type("timestamp without time zone", "timestamp");
        assertThat(expected(timestamp, "\"2024-03-01T10:00:00\"")).isEqualTo(ColumnValues.stored(timestamp,
                "2024-03-01T10:00:00.000000"));
        assertThat(expected(timestamp, "1709287200000")).isEqualTo("2024-03-01T10:00:00.000000");
        ColumnType date = type("date", "date");
        assertThat(expected(date, "\"2024-03-01\"")).isEqualTo(ColumnValues.stored(date, "2024-03-01"));
        assertThat(expected(date, "\"2024-03-01T10:00:00\"")).startsWith("<not storable");
        ColumnType float4 = type("real", "float4");
        assertThat(expected(float4, "0.1")).isEqualTo(ColumnValues.stored(float4, "0.1"));
        assertThat(expected(float4, "0.1")).isNotEqualTo(ColumnValues.stored(float4, "0.2"));
    }

    @Test
    void uuidsAndNulls() throws Exception {
        ColumnType uuid = type("uuid", "uuid");
        assertThat(expected(uuid, "\"0F8FAD5B-D9CB-469F-A165-70867728950E\""))
                .isEqualTo(ColumnValues.stored(uuid, "0f8fad5b-d9cb-469f-a165-70867728950e"));
        JsonNode nothing = JSON.readTree("null");
        assertThat(ColumnValues.expected(uuid, nothing, DEFAULTS)).isNull();
        assertThat(ColumnValues.stored(uuid, null)).isNull();
    }
}
