package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One record of a JSONPlaceholder-shaped collection: written as JSON into {@code db.json} (nested as
 * JSONPlaceholder nests it), and as the row of its table (the address flattened into columns, the
 * company as jsonb text) for the CSV floor and the per-row inserts.
 */
public sealed interface PlaceholderRecord {

    void writeJson(JsonGenerator gen) throws IOException;

    /**
     * The column values in {@link PlaceholderCollection#columns()} order: {@link Long}, {@link String},
     * {@link BigDecimal}, {@link Boolean}, {@link Jsonb} or null.
     */
    List<Object> row();

    /** A value for a jsonb column, as JSON text. */
    record Jsonb(String json) {
    }

    /** Coordinates written as JavaScript writes a number: no trailing zeros, never an exponent. */
    record Geo(BigDecimal lat, BigDecimal lng) {
        public Geo {
            lat = asJavaScriptWrites(lat);
            lng = asJavaScriptWrites(lng);
        }

        private static BigDecimal asJavaScriptWrites(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }

    record Address(String street, String suite, String city, String zipcode, Geo geo) {
    }

    record Company(String name, String catchPhrase, String bs) {
        void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("name", name);
            gen.writeStringField("catchPhrase", catchPhrase);
            gen.writeStringField("bs", bs);
            gen.writeEndObject();
        }
    }

    record User(long id, String name, String username, String email, Address address, String phone, String website,
                Company company, Jsonb companyJson) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("id", id);
            gen.writeStringField("name", name);
            gen.writeStringField("username", username);
            gen.writeStringField("email", email);
            gen.writeObjectFieldStart("address");
            gen.writeStringField("street", address.street());
            gen.writeStringField("suite", address.suite());
            gen.writeStringField("city", address.city());
            gen.writeStringField("zipcode", address.zipcode());
            gen.writeObjectFieldStart("geo");
            gen.writeFieldName("lat");
            gen.writeNumber(address.geo().lat());
            gen.writeFieldName("lng");
            gen.writeNumber(address.geo().lng());
            gen.writeEndObject();
            gen.writeEndObject();
            gen.writeStringField("phone", phone);
            gen.writeStringField("website", website);
            gen.writeFieldName("company");
            company.writeJson(gen);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, name, username, email, address.street(), address.suite(), address.city(),
                    address.zipcode(), address.geo().lat(), address.geo().lng(), phone, website, companyJson);
        }
    }

    record Post(long userId, long id, String title, String body) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("userId", userId);
            gen.writeNumberField("id", id);
            gen.writeStringField("title", title);
            gen.writeStringField("body", body);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, userId, title, body);
        }
    }

    record Comment(long postId, long id, String name, String email, String body) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("postId", postId);
            gen.writeNumberField("id", id);
            gen.writeStringField("name", name);
            gen.writeStringField("email", email);
            gen.writeStringField("body", body);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, postId, name, email, body);
        }
    }

    record Album(long userId, long id, String title) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("userId", userId);
            gen.writeNumberField("id", id);
            gen.writeStringField("title", title);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, userId, title);
        }
    }

    record Photo(long albumId, long id, String title, String url, String thumbnailUrl) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("albumId", albumId);
            gen.writeNumberField("id", id);
            gen.writeStringField("title", title);
            gen.writeStringField("url", url);
            gen.writeStringField("thumbnailUrl", thumbnailUrl);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, albumId, title, url, thumbnailUrl);
        }
    }

    record Todo(long userId, long id, String title, boolean completed) implements PlaceholderRecord {
        @Override
        public void writeJson(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("userId", userId);
            gen.writeNumberField("id", id);
            gen.writeStringField("title", title);
            gen.writeBooleanField("completed", completed);
            gen.writeEndObject();
        }

        @Override
        public List<Object> row() {
            return Arrays.asList(id, userId, title, completed);
        }
    }
}
