package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LowdbPrettyPrinterTest {

    /**
     * What {@code JSON.stringify({users: [...], posts: [], meta: {}}, null, 2)} gives for the same data,
     * written out by hand.
     */
    private static final String JSON_STRINGIFY = """
            {
              "users": [
                {
                  "id": 1,
                  "name": "Zoë \\"Z\\" 😀",
                  "address": {
                    "city": "Lisboa",
                    "geo": {
                      "lat": -37.3159,
                      "lng": 81
                    }
                  },
                  "tags": [
                    "a",
                    "b"
                  ],
                  "website": null,
                  "active": true
                },
                {
                  "id": 2,
                  "tags": []
                }
              ],
              "posts": [],
              "meta": {}
            }""";

    @Test
    void writesWhatJsonStringifyWithTwoSpacesWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonFactory factory = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
        try (JsonGenerator gen = factory.createGenerator(out)) {
            gen.setPrettyPrinter(new LowdbPrettyPrinter());
            gen.writeStartObject();
            gen.writeArrayFieldStart("users");
            gen.writeStartObject();
            gen.writeNumberField("id", 1);
            gen.writeStringField("name", "Zoë \"Z\" 😀");
            gen.writeObjectFieldStart("address");
            gen.writeStringField("city", "Lisboa");
            gen.writeObjectFieldStart("geo");
            gen.writeFieldName("lat");
            gen.writeNumber(new PlaceholderRecord.Geo(new BigDecimal("-37.3159"), new BigDecimal("81.0000")).lat());
            gen.writeFieldName("lng");
            gen.writeNumber(new PlaceholderRecord.Geo(BigDecimal.ZERO, new BigDecimal("81.0000")).lng());
            gen.writeEndObject();
            gen.writeEndObject();
            gen.writeArrayFieldStart("tags");
            gen.writeString("a");
            gen.writeString("b");
            gen.writeEndArray();
            gen.writeNullField("website");
            gen.writeBooleanField("active", true);
            gen.writeEndObject();
            gen.writeStartObject();
            gen.writeNumberField("id", 2);
            gen.writeArrayFieldStart("tags");
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeArrayFieldStart("posts");
            gen.writeEndArray();
            gen.writeObjectFieldStart("meta");
            gen.writeEndObject();
            gen.writeEndObject();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(JSON_STRINGIFY);
    }

    @Test
    void aCoordinateIsWrittenAsJavaScriptWritesTheNumber() {
        PlaceholderRecord.Geo geo = new PlaceholderRecord.Geo(new BigDecimal("100.0000"), new BigDecimal("-0.5000"));
        assertThat(geo.lat().toString()).isEqualTo("100");
        assertThat(geo.lng().toString()).isEqualTo("-0.5");
    }
}
