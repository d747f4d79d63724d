package io.jsonmig.events.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLocationsTest {

    @TempDir
    Path dir;

    @Test
    void yamlKeysAreFoundAtTheirKeyAndListItemsAtTheirFirstToken() throws IOException {
        Path file = Files.writeString(dir.resolve("run.yaml"), """
                version: 1
                source:
                  dir: data
                  files: [users.json, posts.json]
                checks:
                  - name: users
                    sql: select 1
                  - plain
                """);

        NodeLocations locations = NodeLocations.of(new YAMLFactory(), file);

        assertThat(locations.locationOf(JsonPointer.compile("/version"))).contains(new NodeLocations.Location(1, 1));
        assertThat(locations.locationOf(JsonPointer.compile("/source/dir"))).contains(new NodeLocations.Location(3, 3));
        assertThat(locations.locationOf(JsonPointer.compile("/source/files/1")))
                .contains(new NodeLocations.Location(4, 23));
        assertThat(locations.locationOf(JsonPointer.compile("/checks/0"))).contains(new NodeLocations.Location(6, 5));
        assertThat(locations.locationOf(JsonPointer.compile("/checks/0/sql"))).contains(new NodeLocations.Location(7, 5));
        assertThat(locations.locationOf(JsonPointer.compile("/checks/1"))).contains(new NodeLocations.Location(8, 5));
    }

    @Test
    void aMissingNodeIsFoundAtItsNearestEnclosingOneAndTheRootNowhere() throws IOException {
        Path file = Files.writeString(dir.resolve("run.yaml"), """
                source:
                  dir: data
                """);

        NodeLocations locations = NodeLocations.of(new YAMLFactory(), file);

        assertThat(locations.locationOf(JsonPointer.compile("/source/layout")))
                .contains(new NodeLocations.Location(1, 1));
        assertThat(locations.lineOf(JsonPointer.compile("/source/dir/deeper"))).isEqualTo(2);
        assertThat(locations.locationOf(JsonPointer.compile("/schema"))).isEmpty();
        assertThat(locations.lineOf(JsonPointer.empty())).isEqualTo(-1);
    }

    @Test
    void jsonKeysAreFoundToo() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), "{\n  \"collections\": {\n    \"users\": {\"table\": \"users\"}\n  }\n}\n");

        NodeLocations locations = NodeLocations.of(new JsonFactory(), file);

        assertThat(locations.locationOf(JsonPointer.compile("/collections/users/table")))
                .contains(new NodeLocations.Location(3, 15));
    }
}
