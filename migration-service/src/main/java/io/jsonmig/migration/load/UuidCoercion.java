package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

/** UUIDs in their standard form (8-4-4-4-12 hexadecimal digits, any case), sent in lower case. */
final class UuidCoercion {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidCoercion() {
    }

    static String of(JsonNode value) {
        if (!value.isTextual() || !UUID.matcher(value.textValue()).matches()) {
            throw new CoercionRefused("is not a UUID in standard form (8-4-4-4-12 hexadecimal digits)");
        }
        return value.textValue().toLowerCase(Locale.ROOT);
    }
}
