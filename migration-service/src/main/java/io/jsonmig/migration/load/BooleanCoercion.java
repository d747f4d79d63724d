package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Booleans: {@code true}/{@code false}, the strings {@code "true"}/{@code "false"} (any case), the
 * numbers 1/0 and the strings {@code "1"}/{@code "0"}. Words like yes/no, on/off, y/n are refused:
 * their meaning depends on the application that wrote them, so the mapping must say.
 */
final class BooleanCoercion {

    private BooleanCoercion() {
    }

    static String of(JsonNode value) {
        if (value.isBoolean()) {
            return String.valueOf(value.booleanValue());
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (number.compareTo(BigDecimal.ONE) == 0) {
                return "true";
            }
            if (number.signum() == 0) {
                return "false";
            }
            throw new CoercionRefused("is neither 1 nor 0");
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.equalsIgnoreCase("true") || text.equals("1")) {
                return "true";
            }
            if (text.equalsIgnoreCase("false") || text.equals("0")) {
                return "false";
            }
            throw new CoercionRefused("is not one of \"true\", \"false\", \"1\", \"0\"");
        }
        throw new CoercionRefused("is not a boolean");
    }
}
