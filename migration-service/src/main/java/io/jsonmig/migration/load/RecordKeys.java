package io.jsonmig.migration.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** A reject's key as people read it: {@code id=7}, {@code tenant="a", id=7}, from the JSON a reject keeps. */
final class RecordKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordKeys() {
    }

    /** {@code null} for a record without a key (its fields did not resolve, or the table has none). */
    static String describe(String keyJson) {
        if (keyJson == null) {
            return null;
        }
        try {
            JsonNode key = JSON.readTree(keyJson);
            if (!key.isObject()) {
                return keyJson;
            }
            boolean unresolved = true;
            for (JsonNode value : key) {
                unresolved &= value.isNull();
            }
            if (unresolved) {
                // a record refused before its fields resolved: its key is unknown, not null
                return null;
            }
            List<String> parts = new ArrayList<>();
            key.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + f.getValue()));
            return String.join(", ", parts);
        } catch (JsonProcessingException e) {
            return keyJson;
        }
    }
}
