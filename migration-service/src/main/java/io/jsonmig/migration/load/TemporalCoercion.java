package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.load.ValueOptions;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Dates and times, never guessed: ISO-8601 strings ({@code 2024-03-01T10:00:00+01:00}, {@code Z},
 * up to six fractional digits) or epoch numbers. A {@code timestamptz} needs an offset (or an epoch
 * number); a {@code timestamp} takes a date-time without offset (or an epoch number, read in UTC),
 * because PostgreSQL would silently drop an offset; a {@code date} takes a date only. The text sent
 * is ISO-8601, which PostgreSQL reads the same whatever the session's DateStyle and TimeZone.
 */
final class TemporalCoercion {

    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final String OFFSET_EXAMPLE = "2024-03-01T10:00:00+01:00 or 2024-03-01T09:00:00Z";

    private TemporalCoercion() {
    }

    static String timestampWithTimeZone(JsonNode value, ValueOptions.EpochUnit unit) {
        if (value.isNumber()) {
            return inRange(epoch(value, unit).atOffset(ZoneOffset.UTC)).toString();
        }
        String text = text(value, "an ISO-8601 date-time with offset, e.g. " + OFFSET_EXAMPLE);
        TemporalAccessor parsed = parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (parsed == null) {
            if (parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME) != null) {
                throw new CoercionRefused("is a date-time without UTC offset; a timestamptz column needs one (e.g. "
                        + OFFSET_EXAMPLE + "); a local date-time belongs in a timestamp column");
            }
            if (parse(text, DateTimeFormatter.ISO_LOCAL_DATE) != null) {
                throw new CoercionRefused("is a date without a time; a timestamptz column needs a date-time with offset");
            }
            throw new CoercionRefused("is not an ISO-8601 date-time with offset (e.g. " + OFFSET_EXAMPLE + ")");
        }
        return inRange(OffsetDateTime.from(parsed)).toString();
    }

    static String timestamp(JsonNode value, ValueOptions.EpochUnit unit) {
        if (value.isNumber()) {
            return inRange(epoch(value, unit).atOffset(ZoneOffset.UTC)).toLocalDateTime().toString();
        }
        String text = text(value, "an ISO-8601 date-time without offset, e.g. 2024-03-01T10:00:00");
        TemporalAccessor parsed = parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        if (parsed == null) {
            if (parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME) != null) {
                throw new CoercionRefused("carries a UTC offset, which a timestamp column (without time zone) would "
                        + "drop; use a timestamptz column");
            }
            if (parse(text, DateTimeFormatter.ISO_LOCAL_DATE) != null) {
                throw new CoercionRefused("is a date without a time; a timestamp column needs a date-time");
            }
            throw new CoercionRefused("is not an ISO-8601 date-time (e.g. 2024-03-01T10:00:00)");
        }
        return inRange(LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC)).toLocalDateTime().toString();
    }

    static String date(JsonNode value) {
        String text = text(value, "an ISO-8601 date, e.g. 2024-03-01");
        TemporalAccessor parsed = parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        if (parsed == null) {
            throw new CoercionRefused("is not an ISO-8601 date (e.g. 2024-03-01); a date column takes the date only");
        }
        LocalDate date = LocalDate.from(parsed);
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw yearOutOfRange();
        }
        return date.toString();
    }

    private static Instant epoch(JsonNode value, ValueOptions.EpochUnit unit) {
        BigDecimal number = value.decimalValue();
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw new CoercionRefused("is not a whole number of " + unit.name().toLowerCase() + " since the epoch");
        }
        long amount;
        try {
            amount = number.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw yearOutOfRange();
        }
        try {
            return unit == ValueOptions.EpochUnit.SECONDS ? Instant.ofEpochSecond(amount) : Instant.ofEpochMilli(amount);
        } catch (DateTimeException e) {
            throw yearOutOfRange();
        }
    }

    private static OffsetDateTime inRange(OffsetDateTime time) {
        if (time.getYear() < MIN_YEAR || time.getYear() > MAX_YEAR) {
            throw yearOutOfRange();
        }
        if (time.getNano() % 1000 != 0) {
            throw new CoercionRefused("has more than six fractional digits; PostgreSQL keeps microseconds and would "
                    + "round it");
        }
        return time;
    }

    private static CoercionRefused yearOutOfRange() {
        return new CoercionRefused("lies outside the years " + MIN_YEAR + " to " + MAX_YEAR);
    }

    private static String text(JsonNode value, String expected) {
        if (!value.isTextual()) {
            throw new CoercionRefused("is not " + expected);
        }
        return value.textValue();
    }

    private static TemporalAccessor parse(String text, DateTimeFormatter format) {
        try {
            return format.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
