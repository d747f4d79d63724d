package io.jsonmig.migration.mapping;

import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.mappingplan.mapping.ChildMapping;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.ColumnMapping;
import io.jsonmig.mappingplan.mapping.GeneratedKey;
import io.jsonmig.mappingplan.mapping.MappingFile;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
                .containsEntry("address.geo.lat", ColumnMapping.of("address_geo_lat"))
                .containsEntry("company", ColumnMapping.of("company"));
    }

    @Test
    void theYamlExampleIsTheJsonExample() {
        MappingFile json = MappingFile.read(Path.of("../examples/blog/mapping.json"));
        MappingFile yaml = MappingFile.read(Path.of("../examples/blog/mapping.yaml"));

        assertThat(yaml.collections()).isEqualTo(json.collections());
    }

    @Test
    void readsEveryFormOfTheSecondVersionFromYaml() throws IOException {
        Path file = write("mapping.yml", """
                version: 2
                collections:
                  users:
                    table: app.users
                    key: {column: id, generate: uuid}
                    extras: extra
                    columns:
                      address.geo.lat: address_geo_lat
                      status:
                        column: status
                        default: "active"
                      createdAt:
                        column: created_at
                        epoch: seconds
                      avatar:
                        column: avatar
                        binary: base64
                    children:
                      comments:
                        table: user_comments
                        parent-key:
                          user_id: id
                        position: position
                        extras: more
                        columns:
                          text: body
                      labels:
                        table: user_labels
                        parent-key: {user_id: id}
                        value: label
                  events:
                    table: events
                    key: {column: seq, generate: position}
                    columns: {name: name}
                """);

        MappingFile mapping = MappingFile.read(file);

        CollectionMapping users = mapping.collection("users");
        assertThat(users.table()).isEqualTo("app.users");
        assertThat(users.key()).contains(new GeneratedKey("id", GeneratedKey.Kind.UUID));
        assertThat(users.extras()).contains("extra");
        assertThat(users.columns().keySet()).containsExactly("address.geo.lat", "status", "createdAt", "avatar");
        assertThat(users.columns().get("status").defaultValue()).contains(TextNode.valueOf("active"));
        assertThat(users.columns().get("createdAt").options().epochUnit()).isEqualTo(ValueOptions.EpochUnit.SECONDS);
        assertThat(users.columns().get("avatar").options().binary()).isEqualTo(ValueOptions.BinaryEncoding.BASE64);
        assertThat(users.children()).containsExactly(
                new ChildMapping("comments", "user_comments", Map.of("user_id", "id"), Optional.of("position"),
                        Optional.empty(), Optional.of("more"), Map.of("text", ColumnMapping.of("body"))),
                new ChildMapping("labels", "user_labels", Map.of("user_id", "id"), Optional.empty(),
                        Optional.of("label"), Optional.empty(), Map.of()));
        assertThat(mapping.collection("events").key()).contains(new GeneratedKey("seq", GeneratedKey.Kind.POSITION));
    }

    @Test
    void invalidJsonNamesTheFileLineAndColumn() throws IOException {
        Path file = write("mapping.json", "{\n  \"collections\": {\n    \"users\": {\"table\": \"users\",}\n  }\n}");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("line 3, column");
    }

    @Test
    void invalidYamlNamesTheFileAndLine() throws IOException {
        Path file = write("mapping.yaml", "collections:\n  users:\n    table: users\n   columns: [\n");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure).hasMessageStartingWith("mapping file " + file + ": invalid YAML at line ");
    }

    @Test
    void aDuplicateKeyIsAnError() throws IOException {
        Path file = write("mapping.yaml", "collections:\n  users:\n    table: users\n    table: people\n"
                + "    columns: {id: id}\n");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure).hasMessageContaining("invalid YAML").hasMessageContaining("table");
    }

    @Test
    void aFileNamedNeitherJsonNorYamlIsRefused() throws IOException {
        Path file = write("mapping.txt", "{}");

        assertThat(catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file)))
                .hasMessage("mapping file " + file + ": the name must end in .json, .yaml or .yml, which says how to "
                        + "read it");
    }

    @Test
    void reportsEveryBadFieldByItsPath() throws IOException {
        Path file = write("mapping.json", """
                {"collections": {
                  "users": {"table": "users", "colums": {}, "columns": {"id": 1, "name": "n", "nick": "n", "a..b": "x"}},
                  "posts": {"table": "", "columns": {"address": "address", "address.city": "city"}}
                }}""");

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        assertThat(failure.problems()).allSatisfy(p -> assertThat(p).startsWith("mapping file " + file + " line "));
        assertThat(failure.problems()).anySatisfy(p -> assertThat(p).contains("'collections.users.colums' is not known"))
                .anySatisfy(p -> assertThat(p).contains("'collections.users.columns[\"id\"]' must be a column name"))
                .anySatisfy(p -> assertThat(p).contains("maps both 'name' and 'nick' to column 'n'"))
                .anySatisfy(p -> assertThat(p).contains("'collections.users.columns[\"a..b\"]' is not a field path"))
                .anySatisfy(p -> assertThat(p).contains("'collections.posts.table' must be a table name"))
                .anySatisfy(p -> assertThat(p).contains("maps 'address' whole and 'address.city' inside it"));
    }

    @Test
    void everyProblemOfAYamlPlanNamesItsKeyPathAndLine() throws IOException {
        Path file = write("mapping.yaml", """
                version: 3
                colour: blue
                collections:
                  users:
                    table: users
                    key: {column: id, generate: random}
                    extras: ""
                    columns:
                      id: id
                      createdAt:
                        column: created_at
                        epoch: minutes
                      avatar:
                        column: avatar
                        binary: hex
                        size: 3
                      status:
                        default: active
                      tags: tags
                    children:
                      tags:
                        table: user_tags
                        parent-key: {user_id: id}
                        value: tag
                      comments:
                        table: users
                        parent-key: {user_id: nickname}
                        value: body
                        columns: {text: body}
                      labels:
                        table: user_labels
                        parent-key: {}
                """);

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        String at = "mapping file " + file;
        assertThat(failure.problems()).contains(
                at + " line 1: 'version' must be 2 (or absent)",
                at + " line 2: 'colour' is not known (expected version, collections)",
                at + " line 6: 'collections.users.key.generate' is 'random'; expected uuid or position",
                at + " line 7: 'collections.users.extras' must be a column name (a non-empty string)",
                at + " line 12: 'collections.users.columns[\"createdAt\"].epoch' is 'minutes'; expected seconds or "
                        + "milliseconds",
                at + " line 15: 'collections.users.columns[\"avatar\"].binary' is 'hex'; expected base64",
                at + " line 16: 'collections.users.columns[\"avatar\"].size' is not known (expected column, default, "
                        + "epoch, binary)",
                at + " line 17: 'collections.users.columns[\"status\"].column' must be a column name (a non-empty "
                        + "string)",
                at + " line 21: 'collections.users.children[\"tags\"]' is also mapped in 'columns' ('tags'); an array "
                        + "goes to a child table or into a column, not both",
                at + " line 25: 'collections.users.children[\"comments\"]' has 'value' (for an array of scalars) and "
                        + "'columns' or 'extras' (for an array of objects); keep the one that fits the array",
                at + " line 30: 'collections.users.children[\"labels\"]' needs 'columns' (for an array of objects) or "
                        + "'value' (for an array of scalars)",
                at + " line 32: 'collections.users.children[\"labels\"].parent-key' must be an object naming, for each "
                        + "child column, the parent's column it takes, e.g. {\"user_id\": \"id\"}");
    }

    @Test
    void aColumnIsWrittenOnceAChildsParentKeyNamesAColumnTheParentFillsAndEveryTableIsLoadedOnce()
            throws IOException {
        Path file = write("mapping.yaml", """
                collections:
                  posts:
                    table: posts
                    key: {column: id, generate: position}
                    columns: {id: id}
                    children:
                      comments:
                        table: post_comments
                        parent-key: {post_id: slug}
                        columns: {text: body}
                      notes:
                        table: post_notes
                        parent-key: {post_id: id}
                        position: post_id
                        columns: {text: body, at: body}
                """);

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file));

        String at = "mapping file " + file;
        assertThat(failure.problems()).containsExactlyInAnyOrder(
                at + " line 4: 'collections.posts.key' maps both 'id' and the generated key to column 'id'",
                at + " line 9: 'collections.posts.children[\"comments\"].parent-key[\"post_id\"]' names column 'slug' "
                        + "of the parent, which no field of collection 'posts' fills (map a field to it, or generate "
                        + "it with 'key')",
                at + " line 11: 'collections.posts.children[\"notes\"]' maps both parent-key[\"post_id\"] and position "
                        + "to column 'post_id'",
                at + " line 11: 'collections.posts.children[\"notes\"]' maps both 'text' and 'at' to column 'body'");
        Path sameTable = write("same.yaml", """
                collections:
                  posts:
                    table: posts
                    columns: {id: id}
                    children:
                      comments: {table: posts, parent-key: {post_id: id}, columns: {text: body}}
                """);
        assertThat(catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(sameTable)))
                .hasMessage("mapping file " + sameTable + ": collections 'posts' and 'posts.children[\"comments\"]' "
                        + "both load table 'posts'; map each to a table of its own");
    }

    @Test
    void anEmptyYamlFileNeedsCollections() throws IOException {
        Path file = write("mapping.yaml", "");

        assertThat(catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file)))
                .hasMessage("mapping file " + file + ": expected an object with the key 'collections'");
    }

    @Test
    void aMissingKeyIsNamedAtTheLineOfItsParent() throws IOException {
        Path file = write("mapping.yaml", "collections:\n  users:\n    columns: {id: id}\n");

        assertThat(catchThrowableOfType(PhaseFailure.class, () -> MappingFile.read(file)))
                .hasMessage("mapping file " + file + " line 2: 'collections.users.table' must be a table name, e.g. "
                        + "\"users\" or \"public.users\" (a non-empty string)");
    }

    @Test
    void withExtrasTheColumnsMayBeLeftOut() throws IOException {
        Path file = write("mapping.yaml", "collections:\n  logs:\n    table: logs\n    key: {column: id, generate: position}\n"
                + "    extras: body\n");

        CollectionMapping logs = MappingFile.read(file).collection("logs");

        assertThat(logs.columns()).isEmpty();
        assertThat(logs.extras()).contains("body");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
