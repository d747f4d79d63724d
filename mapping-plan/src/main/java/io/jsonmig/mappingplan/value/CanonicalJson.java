package io.jsonmig.mappingplan.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One text for JSON values that mean the same: object keys sorted (jsonb reorders them), numbers as
 * plain decimals without trailing zeros ({@code 1.50} = {@code 1.5}), strings in Unicode NFC.
 */
public final class CanonicalJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(canonical(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical text of JSON as PostgreSQL prints a json or jsonb value. */
    public static String ofText(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return "<not JSON: " + e.getOriginalMessage() + ">";
        }
    }

    private static JsonNode canonical(JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(value.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = f.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                sorted.set(Normalizer.normalize(field.getKey(), Normalizer.Form.NFC), canonical(field.getValue()));
            }
            return sorted;
        }
        if (value.isArray()) {
            ArrayNode array = f.arrayNode();
            value.forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            return f.numberNode(number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros());
        }
        if (value.isTextual()) {
            return f.textNode(Normalizer.normalize(value.textValue(), Normalizer.Form.NFC));
        }
        return value;
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return Collections.unmodifiableList(elements);
    }
}
