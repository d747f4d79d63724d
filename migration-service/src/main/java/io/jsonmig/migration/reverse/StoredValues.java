package io.jsonmig.migration.reverse;

import io.jsonmig.mappingplan.value.ValueKind;
import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a column holds, as the JSON value the source would have written: the inverse of the load's
 * coercions. A value takes the JSON kind the field had in the source ({@code hint}): a numeric string
 * stays a string, an epoch stays a number in its unit, a date-time keeps its offset and precision, an
 * object keeps its key order. Without a hint (a row the application inserted) a value takes the
 * column's natural kind. The texts are those of {@code ColumnValues.readExpression}.
 */
final class StoredValues {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** {@code 2024-02-07T15:00:06.123+02:00}: date, separator, time, fraction, zone, as a source wrote it. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2})(:\\d{2})?(?:\\.(\\d+))?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private StoredValues() {
    }

    /** @param text the column's text ({@code null} for SQL NULL) */
    static JsonNode toJson(ColumnType type, String text, JsonNode hint, ValueOptions options) {
        if (text == null) {
            return NullNode.instance;
        }
        JsonNode kind = hint == null || hint.isNull() || hint.isMissingNode() ? null : hint;
        return switch (ValueKind.of(type)) {
            case INTEGER, NUMERIC, FLOAT4, FLOAT8 -> number(text, kind);
            case BOOLEAN -> bool("t".equals(text) || "true".equals(text), kind);
            case TIMESTAMPTZ -> instant(LocalDateTime.parse(text, STORED).toInstant(ZoneOffset.UTC), kind, options, true);
            case TIMESTAMP -> instant(LocalDateTime.parse(text, STORED).toInstant(ZoneOffset.UTC), kind, options, false);
            case JSON -> {
                JsonNode value = parse(text);
                yield kind != null && kind.isTextual() && value.isContainerNode() ? TextNode.valueOf(value.toString())
                        : merged(kind, value);
            }
            case ARRAY -> elements(type.element(), parse(text), kind, options);
            case BYTEA -> TextNode.valueOf(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text)));
            default -> textual(text, kind);
        };
    }

    /**
     * {@code value} with the key order of {@code before} where both are objects (keys it no longer has
     * are gone, new ones follow), element by element where both are arrays.
     */
    static JsonNode merged(JsonNode before, JsonNode value) {
        if (before instanceof ObjectNode old && value instanceof ObjectNode now) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode updated = now.get(field.getKey());
                if (updated != null) {
                    result.set(field.getKey(), merged(field.getValue(), updated));
                }
            }
            now.properties().forEach(field -> {
                if (!result.has(field.getKey())) {
                    result.set(field.getKey(), field.getValue());
                }
            });
            return result;
        }
        if (before instanceof ArrayNode old && value instanceof ArrayNode now) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < now.size(); i++) {
                result.add(i < old.size() ? merged(old.get(i), now.get(i)) : now.get(i));
            }
            return result;
        }
        return value;
    }

    private static JsonNode number(String text, JsonNode kind) {
        if (kind != null && kind.isTextual()) {
            return TextNode.valueOf(text);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException notFinite) {
            return TextNode.valueOf(text); // NaN, Infinity: JSON has no number for them
        }
        if (kind != null && kind.isBoolean() && number.signum() >= 0 && number.compareTo(BigDecimal.ONE) <= 0) {
            return BooleanNode.valueOf(number.signum() > 0);
        }
        BigDecimal plain = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (plain.scale() <= 0) {
            java.math.BigInteger integer = plain.toBigIntegerExact();
            return integer.bitLength() < 64 ? LongNode.valueOf(integer.longValue()) : BigIntegerNode.valueOf(integer);
        }
        return DecimalNode.valueOf(plain);
    }

    private static JsonNode bool(boolean value, JsonNode kind) {
        if (kind != null && kind.isTextual()) {
            return TextNode.valueOf(Boolean.toString(value));
        }
        if (kind != null && kind.isNumber()) {
            return LongNode.valueOf(value ? 1 : 0);
        }
        return BooleanNode.valueOf(value);
    }

    private static JsonNode instant(Instant instant, JsonNode kind, ValueOptions options, boolean zoned) {
        if (kind != null && kind.isNumber()) {
            long millis = instant.toEpochMilli();
            if (options.epochUnit() == ValueOptions.EpochUnit.SECONDS) {
                return millis % 1000 == 0 ? LongNode.valueOf(millis / 1000)
                        : DecimalNode.valueOf(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
            }
            return LongNode.valueOf(millis);
        }
        Matcher shape = kind != null && kind.isTextual() ? DATE_TIME.matcher(kind.textValue()) : null;
        if (shape == null || !shape.matches()) {
            // JavaScript's toISOString(), the form lowdb applications write dates in
            String iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").format(instant.atOffset(ZoneOffset.UTC));
            return TextNode.valueOf(instant.getNano() % 1_000_000 != 0
                    ? STORED.format(instant.atOffset(ZoneOffset.UTC)) + (zoned ? "Z" : "")
                    : iso + (zoned ? "Z" : ""));
        }
        String zone = shape.group(6);
        ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone.length() == 5
                ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
        OffsetDateTime at = instant.atOffset(offset);
        int digits = shape.group(5) == null ? 0 : shape.group(5).length();
        int needed = at.getNano() == 0 ? 0 : at.getNano() % 1_000_000 == 0 ? 3 : at.getNano() % 1000 == 0 ? 6 : 9;
        StringBuilder pattern = new StringBuilder("uuuu-MM-dd'").append(shape.group(2)).append("'HH:mm");
        if (shape.group(4) != null || at.getSecond() != 0 || needed > 0) {
            pattern.append(":ss");
        }
        int fraction = Math.max(digits, needed);
        if (fraction > 0) {
            pattern.append('.').append("S".repeat(fraction));
        }
        String written = DateTimeFormatter.ofPattern(pattern.toString()).format(at);
        if (zone != null) {
            written += zone.equals("Z") ? "Z" : offsetText(offset, zone.contains(":"));
        }
        return TextNode.valueOf(written);
    }

    private static String offsetText(ZoneOffset offset, boolean colon) {
        String id = offset.getId().equals("Z") ? "+00:00" : offset.getId();
        return colon ? id : id.replace(":", "");
    }

    private static JsonNode elements(ColumnType elementType, JsonNode array, JsonNode kind, ValueOptions options) {
        if (!array.isArray()) {
            return array;
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            JsonNode elementKind = kind != null && kind.isArray() && kind.size() > 0
                    ? kind.get(Math.min(i, kind.size() - 1)) : null;
            if (element.isNull()) {
                result.add(NullNode.instance);
            } else if (ValueKind.of(elementType) == ValueKind.JSON) {
                result.add(merged(elementKind, element));
            } else {
                String text = element.isTextual() ? element.textValue() : element.toString();
                result.add(switch (ValueKind.of(elementType)) {
                    case TIMESTAMPTZ -> instant(OffsetDateTime.parse(text).toInstant(), elementKind, options, true);
                    case TIMESTAMP -> instant(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC), elementKind,
                            options, false);
                    default -> toJson(elementType, text, elementKind, options);
                });
            }
        }
        return result;
    }

    private static JsonNode textual(String text, JsonNode kind) {
        if (kind != null && kind.isNumber()) {
            try {
                return number(new BigDecimal(text).toString(), kind);
            } catch (NumberFormatException notANumber) {
                return TextNode.valueOf(text);
            }
        }
        if (kind != null && kind.isBoolean() && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(text.equals("true"));
        }
        return TextNode.valueOf(text);
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned JSON that does not parse: " + e.getOriginalMessage());
        }
    }
}
