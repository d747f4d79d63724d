package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.load.ValueOptions;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.HexFormat;

/** {@code bytea}: only from a string whose encoding is declared, sent in PostgreSQL's hex format. */
final class BinaryCoercion {

    private BinaryCoercion() {
    }

    static String of(JsonNode value, ValueOptions.BinaryEncoding encoding) {
        if (encoding == ValueOptions.BinaryEncoding.UNDECLARED) {
            throw new CoercionRefused("cannot be stored as bytes: nothing declares how the column's strings encode "
                    + "them (base64 for instance); use a text column");
        }
        if (!value.isTextual()) {
            throw new CoercionRefused("is not a base64 string");
        }
        try {
            return "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(value.textValue()));
        } catch (IllegalArgumentException e) {
            throw new CoercionRefused("is not valid base64");
        }
    }
}
