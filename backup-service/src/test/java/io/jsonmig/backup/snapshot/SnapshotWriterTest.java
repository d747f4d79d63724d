package io.jsonmig.backup.snapshot;

import io.jsonmig.support.snapshot.SnapshotVerifier;
import io.jsonmig.support.snapshot.PrivateFiles;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.preflight.CheckedSource;
import io.jsonmig.backup.preflight.SourceChanged;
import io.jsonmig.backup.preflight.SourcePreflight;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotConfig;
import io.jsonmig.support.snapshot.SnapshotFiles;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.JsonRecords;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotWriterTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path tmp;
    private Path source;
    private Path root;
    private AllowedPaths paths;

    @BeforeEach
    void dirs() throws IOException {
        Path allowed = tmp.toRealPath();
        source = Files.createDirectories(allowed.resolve("app"));
        root = allowed.resolve("snapshots");
        paths = new AllowedPaths(List.of(allowed.toString()), List.of());
        Files.createDirectories(source.resolve("archive"));
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Bo\"}]");
        Files.writeString(source.resolve("archive/posts.json"), "[{\"id\": 1, \"title\": \"hello secret world\"}]");
    }

    @Test
    void aPlainSnapshotIsPrivateCompleteAndDescribedByItsManifest() throws IOException {
        SnapshotWriter.Written written = write(codec("none", null), CopyProgress.NONE);

        Path location = root.resolve("run-a1");
        assertThat(written.location()).isEqualTo(location);
        assertThat(mode(root)).isEqualTo("rwx------");
        try (Stream<Path> all = Files.walk(location)) {
            assertThat(all.toList()).allSatisfy(p -> assertThat(mode(p))
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).containsExactly(location);
        }
        byte[] manifestBytes = Files.readAllBytes(location.resolve("manifest.json"));
        assertThat(Files.readString(location.resolve("manifest.json.sha256")))
                .isEqualTo(FileHashes.sha256(manifestBytes) + "  manifest.json\n").startsWith(written.manifestSha256());
        Manifest manifest = EventJson.mapper().readValue(manifestBytes, Manifest.class);
        assertThat(manifest).isEqualTo(written.manifest());
        assertThat(manifest.storage()).isEqualTo(SnapshotStorage.PLAIN);
        assertThat(manifest.attempt()).isEqualTo(1);
        assertThat(manifest.sourceDir()).isEqualTo(source.toString());
        assertThat(manifest.sourceHost()).isEqualTo("test-host");
        assertThat(manifest.recordsPerCollection()).containsOnly(Map.entry("users", 2L), Map.entry("posts", 1L));
        Path users = source.resolve("users.json");
        assertThat(manifest.files()).extracting(ManifestFile::path).containsExactly("users.json", "archive/posts.json");
        assertThat(manifest.files().get(0)).isEqualTo(new ManifestFile("users.json", Files.size(users),
                FileHashes.sha256(users), mode(users), Files.getLastModifiedTime(users).toInstant(), Files.size(users),
                FileHashes.sha256(users)));
        assertThat(Files.readString(location.resolve("files/archive/posts.json")))
                .isEqualTo(Files.readString(source.resolve("archive/posts.json")));
    }

    @Test
    void aCompressedEncryptedSnapshotIsUnreadableOnDiskAndReadableThroughSnapshotFiles() throws IOException {
        SnapshotCodec codec = codec("gzip", KEY);
        SnapshotWriter.Written written = write(codec, CopyProgress.NONE);

        Path stored = written.location().resolve("files/archive/posts.json");
        assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        Manifest manifest = written.manifest();
        assertThat(manifest.storage().compressed()).isTrue();
        assertThat(manifest.storage().encrypted()).isTrue();
        assertThat(manifest.storage().keyFingerprint()).hasSize(16).doesNotContain(KEY);
        assertThat(Files.readString(written.location().resolve("manifest.json"))).doesNotContain(KEY);
        ManifestFile posts = manifest.files().get(1);
        assertThat(posts.storedSha256()).isNotEqualTo(posts.sha256()).isEqualTo(FileHashes.sha256(stored));
        assertThat(posts.storedBytes()).isEqualTo(Files.size(stored));

        SnapshotSummary summary = new SnapshotSummary("run-a1", written.location().toString(), manifest.layout(),
                manifest.files().size(), written.bytes(), manifest.recordsPerCollection(), written.manifestSha256(),
                manifest.storage());
        assertThat(JsonRecords.count(new SnapshotFiles(paths, codec).source(summary)))
                .containsOnly(Map.entry("users", 2L), Map.entry("posts", 1L));
        assertThat(new SnapshotVerifier(codec).check(written.location(), written.manifestSha256())).isEmpty();
    }

    @Test
    void aStoredFileCorruptedOnDiskIsNamedByTheCheck() throws IOException {
        for (SnapshotCodec codec : List.of(codec("none", null), codec("gzip", KEY))) {
            SnapshotWriter.Written written = write(codec, CopyProgress.NONE);
            Path users = written.location().resolve("files/users.json");
            byte[] bytes = Files.readAllBytes(users);
            bytes[bytes.length / 2] ^= 0x20;
            Files.write(users, bytes);

            assertThat(new SnapshotVerifier(codec).check(written.location(), written.manifestSha256()))
                    .singleElement().asString().contains("snapshot file " + users).contains("corrupted");
            PrivateFiles.deleteTree(written.location());
        }
    }

    @Test
    void anEditedManifestIsCaughtByItsChecksum() throws IOException {
        SnapshotWriter.Written written = write(codec("none", null), CopyProgress.NONE);
        Path manifest = written.location().resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"users\" : 2", "\"users\" : 3"));

        assertThat(new SnapshotVerifier(codec("none", null)).check(written.location(), written.manifestSha256()))
                .singleElement().asString().contains(manifest.toString()).contains("manifest.json.sha256")
                .contains("the ledger recorded " + written.manifestSha256());
    }

    @Test
    void aFileChangedAfterThePreflightFailsTheCopyAndLeavesNothingBehind() throws IOException {
        Path users = source.resolve("users.json");
        CopyProgress writerAppends = (done, total) -> append(users, " ");

        assertThatThrownBy(() -> write(codec("none", null), writerAppends))
                .isInstanceOf(SourceChanged.class)
                .satisfies(e -> assertThat(((SourceChanged) e).changes()).singleElement().asString()
                        .contains("source file " + users + " changed after it was checked"));
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    private SnapshotWriter.Written write(SnapshotCodec codec, CopyProgress progress) throws IOException {
        CheckedSource checked = new SourcePreflight(paths, root, 0, java.util.concurrent.ForkJoinPool.commonPool())
                .check(new RunSpec(source.toString(), "/schema", null, "local", "test",
                        List.of("users.json", "archive/posts.json")));
        return new SnapshotWriter(EventJson.mapper(), codec).write(checked, root,
                new SnapshotWriter.Identity("run-a1", "run", 1, "test-host", Instant.now()), progress);
    }

    private static SnapshotCodec codec(String compression, String key) {
        return new SnapshotCodec(new SnapshotConfig() {
            @Override
            public String compression() {
                return compression;
            }

            @Override
            public Optional<String> encryptionKey() {
                return Optional.ofNullable(key);
            }
        });
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
