package io.jsonmig.migration.mapping;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.mappingplan.mapping.ChildMapping;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.ColumnMapping;
import io.jsonmig.mappingplan.mapping.ExplicitFieldResolver;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.GeneratedKey;
import io.jsonmig.mappingplan.mapping.InferredFieldResolver;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which column each field of a record goes to, with and without a mapping file. */
class FieldResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "20261125-run";
    private static final String USER = """
            {"id": 1, "createdAt": "2024-02-07T15:00:06+02:00",
             "address": {"city": "Quito", "geo": {"lat": -0.0955}},
             "company": {"name": "Lockman"}}""";
    private static final TargetTable USERS = new TargetTable(new TableName("public", "users"), 1, List.of(
            column("id", "integer"), column("created_at", "timestamptz"), column("address_city", "text"),
            column("address_geo_lat", "numeric"), column("company", "jsonb")));

    @Test
    void aMappingFileMapsNestedPathsAndWholeObjects() throws Exception {
        CollectionMapping mapping = CollectionMapping.of("users", "users", Map.of("id", "id",
                "createdAt", "created_at", "address.city", "address_city", "address.geo.lat", "address_geo_lat",
                "company", "company"));

        Map<String, FieldValue> values = new ExplicitFieldResolver(mapping, Path.of("m.json"), RUN).resolve(record(USER), 0);

        assertThat(values).containsOnlyKeys("id", "created_at", "address_city", "address_geo_lat", "company");
        assertThat(values.get("address_geo_lat").path()).isEqualTo("address.geo.lat");
        assertThat(values.get("company").value().isObject()).isTrue();
    }

    @Test
    void aFieldTheMappingFileDoesNotListIsAnError() {
        CollectionMapping mapping = CollectionMapping.of("users", "users", Map.of("id", "id", "address.city", "c"));

        assertThatThrownBy(() -> new ExplicitFieldResolver(mapping, Path.of("m.json"), RUN).resolve(record(USER), 0))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("field 'createdAt' maps to no column").hasMessageContaining("m.json");
    }

    @Test
    void withoutAMappingFileNamesAreMatchedFlattenedOrKeptWhole() throws Exception {
        Map<String, FieldValue> values = new InferredFieldResolver(USERS).resolve(record(USER), 0);

        assertThat(values).containsOnlyKeys("id", "created_at", "address_city", "address_geo_lat", "company");
        assertThat(values.get("created_at").path()).isEqualTo("createdAt");
        assertThat(values.get("address_geo_lat").path()).isEqualTo("address.geo.lat");
        assertThat(values.get("company").path()).isEqualTo("company");
    }

    @Test
    void withoutAMappingFileAFieldWithoutAColumnIsAnError() {
        assertThatThrownBy(() -> new InferredFieldResolver(USERS).resolve(record("{\"id\": 1, \"address\": {\"zip\": \"1\"}}"), 0))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("field 'address.zip' maps to no column of table public.users");
    }

    @Test
    void unmappedFieldsGoToTheExtrasColumnKeepingTheirNesting() throws Exception {
        CollectionMapping mapping = new CollectionMapping("users", "users", Optional.empty(), Optional.of("extra"),
                Map.of("id", ColumnMapping.of("id"), "address.city", ColumnMapping.of("address_city")), List.of());

        Map<String, FieldValue> values = new ExplicitFieldResolver(mapping, Path.of("m.json"), RUN)
                .resolve(record("{\"id\": 1, \"nick\": \"x\", \"address\": {\"city\": \"Quito\", \"floor\": 3}}"), 0);

        assertThat(values.get("address_city").value().textValue()).isEqualTo("Quito");
        assertThat(values.get("extra").value()).isEqualTo(record("{\"nick\": \"x\", \"address\": {\"floor\": 3}}"));
        assertThat(new ExplicitFieldResolver(mapping, Path.of("m.json"), RUN).resolve(record("{\"id\": 2}"), 1)
                .get("extra").value()).isEqualTo(record("{}"));
    }

    @Test
    void aDefaultFillsAMissingOrNullFieldButNotAPresentOne() throws Exception {
        ValueOptions seconds = new ValueOptions(ValueOptions.EpochUnit.SECONDS, ValueOptions.BinaryEncoding.UNDECLARED);
        CollectionMapping mapping = new CollectionMapping("users", "users", Optional.empty(), Optional.empty(),
                Map.of("id", ColumnMapping.of("id"),
                        "profile.status", new ColumnMapping("status", Optional.of(JSON.readTree("\"active\"")),
                                ValueOptions.DEFAULTS),
                        "createdAt", new ColumnMapping("created_at", Optional.empty(), seconds)), List.of());
        ExplicitFieldResolver resolver = new ExplicitFieldResolver(mapping, Path.of("m.json"), RUN);

        assertThat(resolver.resolve(record("{\"id\": 1}"), 0).get("status").value().textValue()).isEqualTo("active");
        assertThat(resolver.resolve(record("{\"id\": 1, \"profile\": {\"status\": null}}"), 0).get("status").value()
                .textValue()).isEqualTo("active");
        assertThat(resolver.resolve(record("{\"id\": 1, \"profile\": {\"status\": \"gone\"}}"), 0).get("status")
                .value().textValue()).isEqualTo("gone");
        FieldValue createdAt = resolver.resolve(record("{\"id\": 1, \"createdAt\": 1700000000}"), 0).get("created_at");
        assertThat(createdAt.options()).isEqualTo(seconds);
        assertThat(createdAt.path()).isEqualTo("createdAt");
    }

    @Test
    void generatedKeysFollowFromTheRunTheCollectionAndThePosition() throws Exception {
        CollectionMapping byUuid = new CollectionMapping("events", "events",
                Optional.of(new GeneratedKey("id", GeneratedKey.Kind.UUID)), Optional.empty(),
                Map.of("name", ColumnMapping.of("name")), List.of());
        CollectionMapping byPosition = new CollectionMapping("events", "events",
                Optional.of(new GeneratedKey("id", GeneratedKey.Kind.POSITION)), Optional.empty(),
                Map.of("name", ColumnMapping.of("name")), List.of());
        ObjectNode event = record("{\"name\": \"a\"}");

        String first = new ExplicitFieldResolver(byUuid, Path.of("m.json"), RUN).resolve(event, 0).get("id").value()
                .textValue();
        assertThat(UUID.fromString(first).version()).isEqualTo(3);
        assertThat(new ExplicitFieldResolver(byUuid, Path.of("m.json"), RUN).resolve(event, 0).get("id").value()
                .textValue()).as("the same on a repeated load").isEqualTo(first);
        assertThat(new ExplicitFieldResolver(byUuid, Path.of("m.json"), RUN).resolve(event, 1).get("id").value()
                .textValue()).isNotEqualTo(first);
        assertThat(new ExplicitFieldResolver(byUuid, Path.of("m.json"), "another-run").resolve(event, 0).get("id")
                .value().textValue()).isNotEqualTo(first);
        assertThat(new ExplicitFieldResolver(byPosition, Path.of("m.json"), RUN).resolve(event, 41).get("id").value()
                .longValue()).isEqualTo(42);
    }

    @Test
    void aChildTablesArrayIsLeftToItsChildTable() throws Exception {
        CollectionMapping posts = new CollectionMapping("posts", "posts", Optional.empty(), Optional.empty(),
                Map.of("id", ColumnMapping.of("id")), List.of(new ChildMapping("comments", "post_comments",
                Map.of("post_id", "id"), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("text", ColumnMapping.of("body")))));

        assertThat(new ExplicitFieldResolver(posts, Path.of("m.json"), RUN)
                .resolve(record("{\"id\": 1, \"comments\": [{\"text\": \"hi\"}]}"), 0)).containsOnlyKeys("id");
    }

    private static ObjectNode record(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static TableColumn column(String name, String type) {
        return new TableColumn(name, ColumnType.of(type, type, "jsonb".equals(type) ? "U" : "S"), false);
    }
}
