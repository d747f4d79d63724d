package io.jsonmig.mappingplan.value;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.target.Identifiers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The verification's own opinion of what a column holds, independent of migration-service's encoder:
 * {@link #expected} says, from a JSON value and the column's catalog type, what PostgreSQL should
 * hold; {@link #stored} puts what PostgreSQL returns for {@link #readExpression} into the same
 * canonical text. Equal texts mean equal values; the forms that mean the same (an offset and its
 * UTC instant, {@code 1.50} and {@code 1.5}, {@code 1}/{@code "true"} and {@code true}, Unicode NFC
 * and NFD, jsonb's key order) get one text, so they raise no false alarm.
 *
 * <p>A JSON value the column cannot hold gives a text starting with {@code <}, which no stored value
 * has: the record should have been rejected, and it shows as a difference.
 */
public final class ColumnValues {

    private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter(Locale.ROOT);
    private static final String TO_CHAR = "'YYYY-MM-DD\"T\"HH24:MI:SS.US'";

    private ColumnValues() {
    }

    /** SQL reading a column as the text {@link #stored} takes; the column comes quoted from the catalog. */
    public static String readExpression(ColumnType type, String column) {
        return readExpression(type, null, column);
    }

    /** The same, of a column of the table named {@code alias} in the query. */
    public static String readExpression(ColumnType type, String alias, String column) {
        String c = (alias == null ? "" : alias + ".") + Identifiers.quote(column);
        return switch (ValueKind.of(type)) {
            case TIMESTAMPTZ -> "to_char(" + c + " AT TIME ZONE 'UTC', " + TO_CHAR + ")";
            case TIMESTAMP -> "to_char(" + c + ", " + TO_CHAR + ")";
            case DATE -> "to_char(" + c + ", 'YYYY-MM-DD')";
            case ARRAY -> "array_to_json(" + c + ")::text";
            case BYTEA -> "encode(" + c + ", 'hex')";
            default -> c + "::text";
        };
    }

    /** @return the canonical text of what the column should hold; {@code null} for SQL NULL */
    public static String expected(ColumnType type, JsonNode value, ValueOptions options) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        try {
            ValueKind kind = ValueKind.of(type);
            return switch (kind) {
                case JSON -> CanonicalJson.of(value);
                case ARRAY -> {
                    if (!value.isArray()) {
                        throw new NotStorable("not an array");
                    }
                    yield CanonicalJson.of(CanonicalJson.MAPPER.valueToTree(expectedElements(type.element(), value,
                            options)));
                }
                default -> scalar(kind, value, options);
            };
        } catch (NotStorable | ArithmeticException | NumberFormatException | DateTimeParseException e) {
            return "<not storable in " + type.sqlType() + ": " + e.getMessage() + ">";
        }
    }

    private static List<Object> expectedElements(ColumnType elementType, JsonNode array, ValueOptions options) {
        List<Object> elements = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isArray()) {
                elements.add(expectedElements(elementType, element, options));
            } else {
                elements.add(expected(elementType, element, options));
            }
        }
        return elements;
    }

    /** The canonical text of what PostgreSQL returned for {@link #readExpression}; {@code null} for NULL. */
    public static String stored(ColumnType type, String text) {
        if (text == null) {
            return null;
        }
        ValueKind kind = ValueKind.of(type);
        return switch (kind) {
            case JSON -> CanonicalJson.ofText(text);
            case ARRAY -> {
                try {
                    yield CanonicalJson.of(CanonicalJson.MAPPER.valueToTree(storedElements(type.element(),
                            CanonicalJson.MAPPER.readTree(text))));
                } catch (JsonProcessingException e) {
                    yield "<unreadable array: " + e.getOriginalMessage() + ">";
                }
            }
            case INTEGER -> plainInteger(text) ? text : decimal(new BigDecimal(text));
            case NUMERIC -> storedDecimal(text);
            case FLOAT4 -> Float.toString(Float.parseFloat(text));
            case FLOAT8 -> Double.toString(Double.parseDouble(text));
            case BOOLEAN -> "t".equals(text) || "true".equals(text) ? "true" : "false";
            case TIMESTAMPTZ -> text + "Z"; // readExpression gives it in UTC
            case TEXT, OTHER -> nfc(text);
            case BPCHAR -> nfc(text.stripTrailing());
            case UUID -> text.toLowerCase(Locale.ROOT);
            case BYTEA -> text.toLowerCase(Locale.ROOT);
            default -> text;
        };
    }

    /** Array elements as {@code array_to_json} gives them (ISO date-times, hex bytea as text). */
    private static List<Object> storedElements(ColumnType elementType, JsonNode array) {
        List<Object> elements = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isArray()) {
                elements.add(storedElements(elementType, element));
            } else if (element.isNull()) {
                elements.add(null);
            } else {
                ValueKind kind = ValueKind.of(elementType);
                String text = element.isTextual() ? element.textValue() : element.toString();
                elements.add(switch (kind) {
                    case TIMESTAMPTZ -> INSTANT.format(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC)) + "Z";
                    case TIMESTAMP -> INSTANT.format(LocalDateTime.parse(text));
                    case DATE -> LocalDate.parse(text).toString();
                    case JSON -> CanonicalJson.of(element);
                    case BYTEA -> text.startsWith("\\x") ? text.substring(2).toLowerCase(Locale.ROOT) : text;
                    default -> stored(elementType, text);
                });
            }
        }
        return elements;
    }

    private static String scalar(ValueKind kind, JsonNode value, ValueOptions options) {
        if (value.isContainerNode()) {
            throw new NotStorable("a JSON " + (value.isObject() ? "object" : "array") + " in a scalar column");
        }
        return switch (kind) {
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    yield Long.toString(value.longValue()); // an integer token: exact as it is
                }
                BigDecimal number = number(value);
                if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
                    throw new NotStorable("a fraction in an integer column");
                }
                yield decimal(number);
            }
            case NUMERIC -> decimal(number(value));
            case FLOAT4 -> Float.toString(number(value).floatValue());
            case FLOAT8 -> Double.toString(number(value).doubleValue());
            case BOOLEAN -> bool(value);
            case TIMESTAMPTZ -> {
                if (value.isNumber()) {
                    yield INSTANT.format(epoch(value, options).atOffset(ZoneOffset.UTC)) + "Z";
                }
                yield INSTANT.format(OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC)) + "Z";
            }
            case TIMESTAMP -> {
                if (value.isNumber()) {
                    yield INSTANT.format(epoch(value, options).atOffset(ZoneOffset.UTC).toLocalDateTime());
                }
                yield INSTANT.format(LocalDateTime.parse(value.asText()));
            }
            case DATE -> LocalDate.parse(value.asText()).toString();
            case TEXT, OTHER -> nfc(text(value));
            case BPCHAR -> nfc(text(value).stripTrailing());
            case UUID -> value.asText().toLowerCase(Locale.ROOT);
            case BYTEA -> {
                if (options.binary() != ValueOptions.BinaryEncoding.BASE64 || !value.isTextual()) {
                    throw new NotStorable("no declared binary encoding");
                }
                yield HexFormat.of().formatHex(Base64.getDecoder().decode(value.textValue()));
            }
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /**
     * Unicode NFC; a text already in NFC (most are) is returned as it is, without a copy. A text of code
     * points below U+0300 only is NFC without asking: they all are NFC_Quick_Check=Yes with combining
     * class 0, and none of them composes with a following one (the first that may is U+0300).
     */
    public static String nfc(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && text.charAt(i) < '\u0300') {
            i++;
        }
        if (i == length) {
            return text;
        }
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Whether PostgreSQL's text of an integer is already canonical: {@code 0}, or digits after an optional {@code -}, no leading zero. */
    private static boolean plainInteger(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '-' ? 1 : 0;
        int length = text.length();
        if (length == start) {
            return false;
        }
        if (text.charAt(start) == '0') {
            return length == 1;
        }
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A numeric's text as PostgreSQL writes it ({@code -12.3400}, {@code 0.50}) made canonical without a
     * {@link BigDecimal}: trailing zeros of the fraction dropped, zero as {@code 0}. Any other form
     * ({@code NaN}, leading zeros, exponents) goes through {@link BigDecimal}.
     */
    private static String storedDecimal(String text) {
        int length = text.length();
        int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        int point = -1;
        boolean nonZero = false;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c >= '0' && c <= '9') {
                nonZero |= c != '0';
            } else {
                return decimal(new BigDecimal(text));
            }
        }
        int integerDigits = (point < 0 ? length : point) - start;
        if (integerDigits == 0 || (integerDigits > 1 && text.charAt(start) == '0') || point == length - 1) {
            return decimal(new BigDecimal(text));
        }
        if (!nonZero) {
            return "0";
        }
        if (point < 0) {
            return text;
        }
        int end = length;
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (end == point + 1) {
            end = point;
        }
        return end == length ? text : text.substring(0, end);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            return new BigDecimal(value.textValue());
        }
        throw new NotStorable("a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " in a numeric column");
    }

    private static String decimal(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private static String bool(JsonNode value) {
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        String text = value.asText().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1" -> "true";
            case "false", "0" -> "false";
            default -> throw new NotStorable("'" + text + "' is no boolean");
        };
    }

    private static Instant epoch(JsonNode value, ValueOptions options) {
        long whole = value.decimalValue().longValueExact();
        return options.epochUnit() == ValueOptions.EpochUnit.SECONDS ? Instant.ofEpochSecond(whole)
                : Instant.ofEpochMilli(whole);
    }

    /** A JSON value the column cannot hold. */
    static final class NotStorable extends RuntimeException {
        NotStorable(String reason) {
            super(reason, null, false, false);
        }
    }
}
