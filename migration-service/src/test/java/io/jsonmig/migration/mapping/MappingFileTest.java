package io.jsonmig.migration.mapping;

import io.jsonmig.support.messaging.PhaseFailure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheExampleMappingInLoadOrder() {
        MappingFile mapping = MappingFile.read(Path.of("../examples/blog/mapping.json"));

        assertThat(mapping.collections()).extracting(CollectionMapping::collection)
                .containsExactly("users", "posts", "comments");
        assertThat(mapping.collection("users").columns())
                .containsEntry("address.geo.lat", "address_geo_lat")
                .containsEntry("company", "company");
    }

    @Test
    void invalidJsonNamesTheFileLineAndColumn() throws IOException {
        Path file = write("{\n  \"collections\": {\n    \"users\": {\"table\": \"users\",}\n  }\n}");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("line 3, column");
    }

    @Test
    void reportsEveryBadFieldByItsPath() throws IOException {
        Path file = write("""
                {"collections": {
                  "users": {"table": "users", "colums": {}, "columns": {"id": 1, "name": "n", "nick": "n", "a..b": "x"}},
                  "posts": {"table": "", "columns": {"address": "address", "address.city": "city"}}
                }}""");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure.problems()).allSatisfy(p -> assertThat(p).startsWith("mapping file " + file));
        assertThat(failure.problems()).anySatisfy(p -> assertThat(p).contains("'collections.users.colums' is not known"))
                .anySatisfy(p -> assertThat(p).contains("'collections.users.columns[\"id\"]' must be a column name"))
                .anySatisfy(p -> assertThat(p).contains("maps both 'name' and 'nick' to column 'n'"))
                .anySatisfy(p -> assertThat(p).contains("'collections.users.columns[\"a..b\"]' is not a field path"))
                .anySatisfy(p -> assertThat(p).contains("'collections.posts.table' must be a table name"))
                .anySatisfy(p -> assertThat(p).contains("maps 'address' whole and 'address.city' inside it"));
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("mapping.json"), json);
    }
}
