package io.jsonmig.migration.load;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotRecordsTest {

    @TempDir
    Path dir;

    @Test
    void readsOneCollectionWithItsPositionsAndExactDecimals() throws IOException {
        Files.writeString(dir.resolve("db.json"), """
                {"users": [{"id": 1}, {"id": 2}],
                 "points": [{"x": 3.14159265358979323846, "y": 1.10}, {"x": 1e400, "y": -0.0955}]}""");
        List<String> seen = new ArrayList<>();

        long records = SnapshotRecords.read(SourceScanner.scan(dir), "points",
                (collection, position, record) -> seen.add(collection + " " + position + " " + decimals(record)));

        assertThat(records).isEqualTo(2);
        assertThat(seen).containsExactly("points 0 3.14159265358979323846 1.10", "points 1 1E+400 -0.0955");
    }

    @Test
    void readsTheFileOfACollectionInTheOneFilePerCollectionLayouts() throws IOException {
        Files.writeString(dir.resolve("users.ndjson"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        Files.writeString(dir.resolve("posts.ndjson"), "{\"id\": 1}\n");
        SourceSet source = SourceScanner.scan(dir);

        assertThat(SnapshotRecords.read(source, "users", (c, p, r) -> { })).isEqualTo(3);
        assertThat(SnapshotRecords.read(source, "posts", (c, p, r) -> { })).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAnObjectIsNamedByFileAndPosition() throws IOException {
        Path file = Files.writeString(dir.resolve("db.json"), "{\"users\": [{\"id\": 1}, 42]}");

        assertThatThrownBy(() -> SnapshotRecords.read(SourceScanner.scan(dir), "users", (c, p, r) -> { }))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("record 1 of collection 'users'");
    }

    private static String decimals(ObjectNode record) {
        return ValueText.of(record.get("x")) + " " + ValueText.of(record.get("y"));
    }
}
