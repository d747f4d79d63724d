package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Words for JSON values in error messages. */
public final class JsonKinds {

    private JsonKinds() {
    }

    public static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
