package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jsonmig.support.snapshot.TestCodecs.KEY;
import static io.jsonmig.support.snapshot.TestCodecs.OTHER_KEY;
import static io.jsonmig.support.snapshot.TestCodecs.codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotFilesTest {

    private static final String DB_JSON = """
            {"users": [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Brian", "score": 1.10}],
             "posts": [{"id": 10, "userId": 1, "title": "Hello"}]}""";

    @TempDir
    Path root;

    private Path live;
    private AllowedPaths allowed;

    @BeforeEach
    void createSource() throws IOException {
        live = Files.createDirectories(root.resolve("app/data"));
        Files.writeString(live.resolve("db.json"), DB_JSON);
        allowed = new AllowedPaths(List.of(root.toString()), List.of());
    }

    /** Writes the source's files into a snapshot directory as backup-service does, through the codec. */
    private SnapshotSummary snapshot(String id, SnapshotCodec codec, String layout, Path... sources)
            throws IOException {
        Path location = Files.createDirectories(root.resolve("snapshots").resolve(id));
        SnapshotStorage storage = codec.storageForNewSnapshots();
        long bytes = 0;
        for (Path source : sources) {
            Path stored = location.resolve(SnapshotSummary.FILES_DIR).resolve(live.relativize(source));
            Files.createDirectories(stored.getParent());
            try (OutputStream out = codec.encoder(Files.newOutputStream(stored), storage)) {
                bytes += Files.copy(source, out);
            }
        }
        return new SnapshotSummary(id, location.toString(), layout, sources.length, bytes, Map.of(),
                "0".repeat(64), storage);
    }

    private static List<String> records(SourceSet source) {
        List<String> seen = new ArrayList<>();
        JsonRecords.read(source, (collection, position, record) -> seen.add(collection + "#" + position + " " + record));
        return seen;
    }

    @Test
    void aCompressedEncryptedSnapshotReadsExactlyLikeTheLiveFiles() throws IOException {
        SnapshotCodec codec = codec("gzip", KEY);
        SnapshotSummary summary = snapshot("s1", codec, "db-json", live.resolve("db.json"));
        Path stored = Path.of(summary.location(), "files", "db.json");

        SourceSet source = new SnapshotFiles(allowed, codec).source(summary);

        assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(source.layout()).isEqualTo(SourceLayout.DB_JSON);
        assertThat(source.files()).containsExactly(stored.toRealPath());
        assertThat(records(source)).isEqualTo(records(SourceScanner.scan(live)))
                .contains("users#1 {\"id\":2,\"name\":\"Brian\",\"score\":1.10}");
        assertThat(JsonRecords.count(source)).containsExactly(Map.entry("users", 2L), Map.entry("posts", 1L));
    }

    @Test
    void filesInSubdirectoriesAreReadInPathOrderAndHiddenOnesSkipped() throws IOException {
        Files.delete(live.resolve("db.json"));
        Files.createDirectories(live.resolve("shop"));
        Files.writeString(live.resolve("users.ndjson"), "{\"id\": 1}\n{\"id\": 2}\n");
        Files.writeString(live.resolve("shop/orders.ndjson"), "{\"id\": 7}\n");
        SnapshotCodec codec = codec("none", KEY);
        SnapshotSummary summary = snapshot("s2", codec, "ndjson", live.resolve("users.ndjson"),
                live.resolve("shop/orders.ndjson"));
        Path files = summary.filesDirectory();
        Files.writeString(files.resolve(".partial"), "not data");
        Files.createDirectories(files.resolve(".tmp"));
        Files.writeString(files.resolve(".tmp/x.ndjson"), "not data");

        SourceSet source = new SnapshotFiles(allowed, codec).source(summary);

        assertThat(source.files()).extracting(source::relativeName).containsExactly("shop/orders.ndjson", "users.ndjson");
        assertThat(JsonRecords.count(source)).containsExactly(Map.entry("orders", 1L), Map.entry("users", 2L));
    }

    @Test
    void aPlainSnapshotFromAnEventWithoutStorageIsReadAsItIs() throws IOException {
        SnapshotSummary encoded = snapshot("s3", codec("none", null), "db-json", live.resolve("db.json"));
        SnapshotSummary plain = new SnapshotSummary(encoded.snapshotId(), encoded.location(), encoded.layout(), 1,
                encoded.bytes(), Map.of(), encoded.manifestSha256());

        assertThat(JsonRecords.count(new SnapshotFiles(allowed, codec("gzip", KEY)).source(plain)))
                .containsEntry("users", 2L);
    }

    @Test
    void aReaderWithAnotherKeyFailsNamingTheFileAndBothFingerprints() throws IOException {
        SnapshotCodec writer = codec("gzip", KEY);
        SnapshotCodec reader = codec("none", OTHER_KEY);
        SnapshotSummary summary = snapshot("s4", writer, "db-json", live.resolve("db.json"));
        SourceSet source = new SnapshotFiles(allowed, reader).source(summary);

        assertThatThrownBy(() -> JsonRecords.count(source))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageStartingWith(source.files().get(0) + ": encrypted with the key of fingerprint "
                        + writer.storageForNewSnapshots().keyFingerprint())
                .hasMessageContaining("has fingerprint " + reader.storageForNewSnapshots().keyFingerprint());
    }

    @Test
    void aTamperedStoredFileFailsNamingIt() throws IOException {
        SnapshotCodec codec = codec("gzip", KEY);
        SnapshotSummary summary = snapshot("s5", codec, "db-json", live.resolve("db.json"));
        Path stored = summary.filesDirectory().resolve("db.json");
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length - 3] ^= 1;
        Files.write(stored, bytes);

        assertThatThrownBy(() -> JsonRecords.count(new SnapshotFiles(allowed, codec).source(summary)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessage(stored.toRealPath() + ": segment 0 (the last) fails authentication: "
                        + "the file was modified, truncated, extended or reordered");
    }

    @Test
    void invalidJsonInsideAnEncryptedSnapshotIsNamedByFileLineAndColumn() throws IOException {
        Files.writeString(live.resolve("db.json"), "{\"users\": [\n  {\"id\": 1,}\n]}");
        SnapshotCodec codec = codec("gzip", KEY);
        SnapshotSummary summary = snapshot("s6", codec, "db-json", live.resolve("db.json"));

        assertThatThrownBy(() -> JsonRecords.count(new SnapshotFiles(allowed, codec).source(summary)))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining(summary.filesDirectory().resolve("db.json").toRealPath().toString())
                .hasMessageContaining("invalid JSON at line 2, column");
    }

    @Test
    void aMissingStoredFileIsNoticedByTheCount() throws IOException {
        SnapshotSummary summary = snapshot("s7", codec("none", null), "db-json", live.resolve("db.json"));
        SnapshotSummary claimsTwo = new SnapshotSummary("s7", summary.location(), "db-json", 2, 1, Map.of(),
                "0".repeat(64));

        assertThatThrownBy(() -> new SnapshotFiles(allowed, codec("none", null)).source(claimsTwo))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("snapshot s7 holds 1 file(s) in")
                .hasMessageContaining("but the backup stored 2");
    }

    @Test
    void aLinkOutOfTheSnapshotIsRefused() throws IOException {
        SnapshotSummary summary = snapshot("s8", codec("none", null), "db-json", live.resolve("db.json"));
        Path outside = Files.writeString(root.resolve("elsewhere.json"), "{}");
        Path link = Files.createSymbolicLink(summary.filesDirectory().resolve("users.json"), outside);

        assertThatThrownBy(() -> new SnapshotFiles(allowed, codec("none", null)).source(summary))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("snapshot file " + link.getParent().toRealPath().resolve("users.json"))
                .hasMessageContaining("is not a regular file inside")
                .hasMessageContaining("symbolic link to " + outside);
    }

    @Test
    void aSnapshotOutsideTheAllowedRootsIsRefused(@TempDir Path elsewhere) throws IOException {
        Files.createDirectories(elsewhere.resolve("files"));
        SnapshotSummary summary = new SnapshotSummary("s9", elsewhere.toString(), "db-json", 1, 1, Map.of(),
                "0".repeat(64));

        assertThatThrownBy(() -> new SnapshotFiles(allowed, codec("none", null)).source(summary))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("files directory of snapshot s9")
                .hasMessageContaining("lies outside the allowed roots");
    }

    @Test
    void anUnknownLayoutIsRefused() throws IOException {
        SnapshotSummary summary = snapshot("s10", codec("none", null), "xml", live.resolve("db.json"));

        assertThatThrownBy(() -> new SnapshotFiles(allowed, codec("none", null)).source(summary))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("snapshot s10 has layout 'xml'; expected one of [db-json, array-per-file, ndjson]");
    }
}
