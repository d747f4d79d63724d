package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Numbers for integer, numeric and floating-point columns: JSON numbers, or strings that hold exactly
 * a number (no blanks around it: jsonmig does not trim). Exact throughout: a number is a
 * {@link BigDecimal}, never a double; anything PostgreSQL would refuse or round is refused here first.
 */
final class NumberCoercion {

    /** JSON's number syntax, leading zeros allowed ({@code "007"}). */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** Jackson's own limit for numbers (StreamReadConstraints.maxNumberLength), applied to strings too. */
    static final int MAX_NUMBER_CHARS = 1000;
    private static final int NUMERIC_TYPMOD_OFFSET = 4;

    private NumberCoercion() {
    }

    /** @param bits 16, 32 or 64 (int2, int4, int8) */
    static String integer(JsonNode value, int bits) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            // the common case, without a BigDecimal per value
            long number = value.longValue();
            long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            if (number <= max && number >= -max - 1) {
                return Long.toString(number);
            }
        }
        BigDecimal number = exact(value);
        BigDecimal whole = number.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new CoercionRefused("is not a whole number, and an integer column would round it");
        }
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1);
        // a huge exponent (1e999999) is too big long before it is expanded into digits
        if (whole.precision() - whole.scale() > 20
                || whole.toBigInteger().compareTo(max) >= 0 || whole.toBigInteger().compareTo(max.negate()) < 0) {
            throw new CoercionRefused("is out of range: " + bits + "-bit integers go from " + max.negate() + " to "
                    + max.subtract(BigInteger.ONE));
        }
        return whole.toBigInteger().toString();
    }

    /**
     * @param typmod {@code numeric(p,s)}'s modifier, -1 without one; a value with more decimal places
     *               than {@code s} is refused (PostgreSQL would round it), so is one with more than
     *               {@code p - s} digits before the point (PostgreSQL would refuse it, naming no record)
     */
    static String decimal(JsonNode value, int typmod) {
        BigDecimal number = exact(value);
        if (typmod >= NUMERIC_TYPMOD_OFFSET && number.signum() != 0) {
            int precision = ((typmod - NUMERIC_TYPMOD_OFFSET) >> 16) & 0xFFFF;
            int scale = (((typmod - NUMERIC_TYPMOD_OFFSET) & 0x7FF) ^ 1024) - 1024;
            BigDecimal significant = number.stripTrailingZeros();
            if (significant.scale() > scale) {
                throw new CoercionRefused("has " + significant.scale() + " decimal places, but the column keeps "
                        + scale + " and PostgreSQL would round it");
            }
            if (significant.precision() - significant.scale() > precision - scale) {
                throw new CoercionRefused("is too large: the column takes at most " + (precision - scale)
                        + " digits before the decimal point");
            }
        }
        return number.toString();
    }

    /** float4/float8 columns hold binary fractions: PostgreSQL rounds the exact decimal to the nearest one. */
    static String floating(JsonNode value) {
        return exact(value).toString();
    }

    static BigDecimal exact(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        }
        if (!value.isTextual()) {
            throw new CoercionRefused("is not a number");
        }
        String text = value.textValue();
        if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            throw new CoercionRefused("has blanks around it; a number in a string must be exactly the number "
                    + "(jsonmig does not trim)");
        }
        if (text.length() > MAX_NUMBER_CHARS || !NUMBER.matcher(text).matches()) {
            throw new CoercionRefused("is not a number (expected digits with an optional sign, decimal point and "
                    + "exponent, at most " + MAX_NUMBER_CHARS + " characters)");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CoercionRefused("has an exponent out of range");
        }
    }
}
