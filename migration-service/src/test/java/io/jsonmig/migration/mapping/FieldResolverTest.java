package io.jsonmig.migration.mapping;

import io.jsonmig.migration.catalog.ColumnType;
import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.catalog.TargetTable;
import io.jsonmig.migration.target.TableName;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which column each field of a record goes to, with and without a mapping file. */
class FieldResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = """
            {"id": 1, "createdAt": "2024-02-07T15:00:06+02:00",
             "address": {"city": "Quito", "geo": {"lat": -0.0955}},
             "company": {"name": "Lockman"}}""";
    private static final TargetTable USERS = new TargetTable(new TableName("public", "users"), 1, List.of(
            column("id", "integer"), column("created_at", "timestamptz"), column("address_city", "text"),
            column("address_geo_lat", "numeric"), column("company", "jsonb")));

    @Test
    void aMappingFileMapsNestedPathsAndWholeObjects() throws Exception {
        CollectionMapping mapping = new CollectionMapping("users", "users", Map.of("id", "id",
                "createdAt", "created_at", "address.city", "address_city", "address.geo.lat", "address_geo_lat",
                "company", "company"));

        Map<String, FieldValue> values = new ExplicitFieldResolver(mapping, Path.of("m.json")).resolve(record(USER));

        assertThat(values).containsOnlyKeys("id", "created_at", "address_city", "address_geo_lat", "company");
        assertThat(values.get("address_geo_lat").path()).isEqualTo("address.geo.lat");
        assertThat(values.get("company").value().isObject()).isTrue();
    }

    @Test
    void aFieldTheMappingFileDoesNotListIsAnError() {
        CollectionMapping mapping = new CollectionMapping("users", "users", Map.of("id", "id", "address.city", "c"));

        assertThatThrownBy(() -> new ExplicitFieldResolver(mapping, Path.of("m.json")).resolve(record(USER)))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("field 'createdAt' maps to no column").hasMessageContaining("m.json");
    }

    @Test
    void withoutAMappingFileNamesAreMatchedFlattenedOrKeptWhole() throws Exception {
        Map<String, FieldValue> values = new InferredFieldResolver(USERS).resolve(record(USER));

        assertThat(values).containsOnlyKeys("id", "created_at", "address_city", "address_geo_lat", "company");
        assertThat(values.get("created_at").path()).isEqualTo("createdAt");
        assertThat(values.get("address_geo_lat").path()).isEqualTo("address.geo.lat");
        assertThat(values.get("company").path()).isEqualTo("company");
    }

    @Test
    void withoutAMappingFileAFieldWithoutAColumnIsAnError() {
        assertThatThrownBy(() -> new InferredFieldResolver(USERS).resolve(record("{\"id\": 1, \"address\": {\"zip\": \"1\"}}")))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("field 'address.zip' maps to no column of table public.users");
    }

    private static ObjectNode record(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static TableColumn column(String name, String type) {
        return new TableColumn(name, ColumnType.of(type, type, "jsonb".equals(type) ? "U" : "S"), false);
    }
}
