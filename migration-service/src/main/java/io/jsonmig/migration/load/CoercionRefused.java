package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.mapping.JsonKinds;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value its column cannot take, with the reason only ({@code "is not a number"}): {@link ValueEncoder}
 * adds the field, the value's kind and the column. The reason never quotes the value (it may be
 * personal data).
 */
final class CoercionRefused extends RuntimeException {

    private final boolean clause;

    CoercionRefused(String reason) {
        this(reason, false);
    }

    private CoercionRefused(String reason, boolean clause) {
        super(reason, null, false, false);
        this.clause = clause;
    }

    /** The same refusal for an element of an array, e.g. {@code [2]} or {@code [1][0]}. */
    static CoercionRefused inElement(String index, JsonNode element, CoercionRefused refused) {
        return new CoercionRefused("whose element " + index + " is " + JsonKinds.describe(element) + " "
                + refused.clause(), true);
    }

    /** The reason as it follows the value's kind: {@code that is not a number}. */
    String clause() {
        return clause ? getMessage() : "that " + getMessage();
    }
}
