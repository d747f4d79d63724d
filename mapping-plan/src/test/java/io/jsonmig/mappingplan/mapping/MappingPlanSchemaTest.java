package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/mapping-plan.schema.json describes exactly what the reader accepts: the same keys at every
 * level, and no others. (No JSON Schema validator is among the build's dependencies; the examples
 * are read by the reader itself in MappingFileTest.)
 */
class MappingPlanSchemaTest {

    private static final Path SCHEMA = Path.of("../docs/mapping-plan.schema.json");

    @Test
    void theSchemaIsDraft202012AndListsTheKeysTheReaderAcceptsAtEveryLevel() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        JsonNode defs = schema.get("$defs");

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(keys(schema)).containsExactlyElementsOf(MappingFileReader.ROOT_KEYS);
        assertThat(keys(defs.get("collection"))).containsExactlyElementsOf(MappingFileReader.COLLECTION_KEYS);
        assertThat(keys(defs.get("key"))).containsExactlyElementsOf(MappingFileReader.KEY_KEYS);
        assertThat(keys(defs.get("column"))).containsExactlyElementsOf(MappingFileReader.COLUMN_KEYS);
        assertThat(keys(defs.get("child"))).containsExactlyElementsOf(MappingFileReader.CHILD_KEYS);
        assertThat(schema.at("/properties/version/const").asInt()).isEqualTo(MappingFileReader.VERSION);
        assertThat(List.of(schema, defs.get("collection"), defs.get("key"), defs.get("column"), defs.get("child")))
                .as("unknown keys are errors").allSatisfy(d -> assertThat(d.get("additionalProperties").asBoolean(true))
                        .isFalse());
    }

    @Test
    void theSchemasEnumerationsAreTheValuesTheReaderAccepts() throws IOException {
        JsonNode defs = new ObjectMapper().readTree(SCHEMA.toFile()).get("$defs");

        assertThat(values(defs.at("/key/properties/generate/enum"))).containsExactly("uuid", "position");
        assertThat(values(defs.at("/column/properties/epoch/enum"))).containsExactly("seconds", "milliseconds");
        assertThat(values(defs.at("/column/properties/binary/enum"))).containsExactly("base64");
    }

    private static List<String> keys(JsonNode definition) {
        List<String> keys = new ArrayList<>();
        definition.get("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
