package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV lines, array literals and the text each column type receives. */
class EncodingTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final TableColumn NUMERIC = column("numeric(30,20)", "numeric", "N");
    private static final TableColumn TEXT = column("text", "text", "S");
    private static final TableColumn JSONB = column("jsonb", "jsonb", "U");
    private static final TableColumn TEXT_ARRAY = column("text[]", "_text", "A");

    @Test
    void csvQuotesEveryValueAndLeavesNullEmpty() {
        CopyBuffer out = new CopyBuffer(4);
        out.appendRow(Arrays.asList("plain", null, "", "say \"hi\", then\nleave", "\\.", "Zoë 😀 中文 שלום"));
        assertThat(out).hasToString("\"plain\",,\"\",\"say \"\"hi\"\", then\nleave\",\"\\.\",\"Zoë 😀 中文 שלום\"\n");
    }

    @Test
    void csvRefusesWhatPostgresqlCannotStoreAndLeavesTheBufferAsItWas() {
        CopyBuffer out = new CopyBuffer(16);
        out.appendAscii('x');

        assertThat(out.tryAppendQuoted("a\0b".toCharArray(), 0, 3)).isFalse();
        assertThat(out.tryAppendQuoted(new char[] {'a', '\uD83D'}, 0, 2)).isFalse();
        assertThat(out.tryAppendQuoted(new char[] {'\uDE00', 'a'}, 0, 2)).isFalse();
        assertThat(out).hasToString("x");
        assertThat(out.tryAppendQuoted("é\"".repeat(100).toCharArray(), 0, 200)).isTrue();
        assertThat(out.toString()).isEqualTo("x\"" + "é\"\"".repeat(100) + "\"");
    }

    @Test
    void arrayLiteralsQuoteElementsSoTheyStayText() throws Exception {
        assertThat(PgArrayLiteral.of(json("[\"a\", \"b,c\", \"{x}\", \"say \\\"hi\\\"\", \"back\\\\slash\", null, \"NULL\"]")))
                .isEqualTo("{\"a\",\"b,c\",\"{x}\",\"say \\\"hi\\\"\",\"back\\\\slash\",NULL,\"NULL\"}");
        assertThat(PgArrayLiteral.of(json("[]"))).isEqualTo("{}");
        assertThat(PgArrayLiteral.of(json("[[1, 2], [3, 4.50]]"))).isEqualTo("{{\"1\",\"2\"},{\"3\",\"4.50\"}}");
    }

    @Test
    void numbersKeepTheirExactDecimalText() throws Exception {
        assertThat(encode("-0.0955", NUMERIC)).isEqualTo("-0.0955");
        assertThat(encode("3.14159265358979323846", NUMERIC)).isEqualTo("3.14159265358979323846");
        assertThat(encode("1.10", NUMERIC)).isEqualTo("1.10");
        assertThat(encode("123456789012345678901234567890", NUMERIC)).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void eachColumnTypeGetsItsForm() throws Exception {
        assertThat(encode("{\"name\": \"Zoë\", \"n\": 1.50}", JSONB)).isEqualTo("{\"name\":\"Zoë\",\"n\":1.50}");
        assertThat(encode("\"text in jsonb\"", JSONB)).isEqualTo("\"text in jsonb\"");
        assertThat(encode("[\"a\", \"b\"]", TEXT_ARRAY)).isEqualTo("{\"a\",\"b\"}");
        assertThat(encode("\"2024-02-07T15:00:06+02:00\"", TEXT)).isEqualTo("2024-02-07T15:00:06+02:00");
        assertThat(encode("true", TEXT)).isEqualTo("true");
        assertThat(encode("null", TEXT)).isNull();
    }

    @Test
    void aValueItsColumnCannotTakeIsRejectedNamingFieldAndColumnType() {
        assertThatThrownBy(() -> encode("{\"a\": 1}", TEXT))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("field 'f' holds an object").hasMessageContaining("column c is text");
        assertThatThrownBy(() -> encode("\"a\"", TEXT_ARRAY))
                .hasMessageContaining("field 'f' holds a string").hasMessageContaining("text[]");
        assertThatThrownBy(() -> encode("\"a\\u0000b\"", TEXT)).hasMessageContaining("U+0000");
    }

    private static String encode(String json, TableColumn column) throws Exception {
        return ValueEncoder.encode(new FieldValue("f", json(json)), column);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static TableColumn column(String sqlType, String baseName, String category) {
        return new TableColumn("c", ColumnType.of(sqlType, baseName, category), false);
    }
}
