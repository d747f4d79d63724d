package io.jsonmig.backup.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.SourceLayout;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SourcePreflightTest {

    private static final long NO_MARGIN = 0;

    @TempDir
    Path tmp;
    private Path allowed;
    private Path source;
    private Path snapshotRoot;

    @BeforeEach
    void dirs() throws IOException {
        allowed = Files.createDirectories(tmp.resolve("allowed")).toRealPath();
        source = Files.createDirectories(allowed.resolve("app-data"));
        snapshotRoot = allowed.resolve("snapshots");
    }

    @Test
    void aDbJsonOfCollectionsIsCountedAndHashedInOnePass() throws IOException {
        Path db = Files.writeString(source.resolve("db.json"), """
                {"users": [{"id": 1}, {"id": 2}], "posts": [{"id": 7, "tags": ["a"]}], "empty": []}""");

        CheckedSource checked = preflight(NO_MARGIN).check(spec());

        assertThat(checked.source().layout()).isEqualTo(SourceLayout.DB_JSON);
        assertThat(checked.recordsPerCollection()).containsExactly(
                Map.entry("users", 2L), Map.entry("posts", 1L), Map.entry("empty", 0L));
        assertThat(checked.fingerprint(db).sha256()).isEqualTo(FileHashes.sha256(db));
        assertThat(checked.fingerprint(db).size()).isEqualTo(Files.size(db)).isEqualTo(checked.totalBytes());
    }

    @Test
    void oneArrayFilePerCollection() throws IOException {
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}, {\"id\": 2}]");
        Files.writeString(source.resolve("posts.json"), "[{\"id\": 1}]");
        Files.writeString(source.resolve("notes.txt"), "not JSON, not a source file");

        CheckedSource checked = preflight(NO_MARGIN).check(spec());

        assertThat(checked.source().layout()).isEqualTo(SourceLayout.ARRAY_PER_FILE);
        assertThat(checked.recordsPerCollection()).containsOnly(Map.entry("users", 2L), Map.entry("posts", 1L));
        assertThat(checked.source().files()).extracting(f -> f.getFileName().toString())
                .containsExactly("posts.json", "users.json");
    }

    @Test
    void ndjsonWithOneObjectPerLine() throws IOException {
        Files.writeString(source.resolve("events.ndjson"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        Files.writeString(source.resolve("audit.jsonl"), "{\"id\": 1}\n");

        CheckedSource checked = preflight(NO_MARGIN).check(spec());

        assertThat(checked.source().layout()).isEqualTo(SourceLayout.NDJSON);
        assertThat(checked.recordsPerCollection()).containsOnly(Map.entry("events", 3L), Map.entry("audit", 1L));
    }

    @Test
    void anExplicitFileListTakesOnlyTheListedFiles() throws IOException {
        Files.createDirectories(source.resolve("tables"));
        Files.writeString(source.resolve("tables/users.json"), "[{\"id\": 1}]");
        Files.writeString(source.resolve("posts.json"), "[{\"id\": 1}, {\"id\": 2}]");
        Files.writeString(source.resolve("broken-but-not-listed.json"), "{oops");

        CheckedSource checked = preflight(NO_MARGIN).check(spec("tables/users.json", "posts.json"));

        assertThat(checked.source().layout()).isEqualTo(SourceLayout.ARRAY_PER_FILE);
        assertThat(checked.recordsPerCollection()).containsOnly(Map.entry("users", 1L), Map.entry("posts", 2L));
        assertThat(checked.source().files().stream().map(checked.source()::relativeName))
                .containsExactly("tables/users.json", "posts.json");
    }

    @Test
    void everyBadExplicitEntryIsReportedAtOnce() throws IOException {
        Files.writeString(source.resolve("ok.json"), "[]");
        Files.createDirectories(source.resolve("dir.json"));
        Path outside = Files.writeString(allowed.resolve("secret.json"), "[{\"password\": \"x\"}]");
        Files.createSymbolicLink(source.resolve("link.json"), outside);

        PhaseFailure failure = failure(NO_MARGIN, spec("ok.json", "/etc/passwd.json", "../secret.json",
                "sub/../../secret.json", "missing.json", "dir.json", "link.json", "notes.txt"));

        assertThat(failure.getMessage()).contains("nothing was written");
        assertThat(failure.problems()).hasSize(7).anySatisfy(p -> assertThat(p).contains("/etc/passwd.json")
                        .contains("must be relative"))
                .anySatisfy(p -> assertThat(p).contains("'../secret.json' must not contain '..'"))
                .anySatisfy(p -> assertThat(p).contains("'sub/../../secret.json' must not contain '..'"))
                .anySatisfy(p -> assertThat(p).contains("missing.json does not exist"))
                .anySatisfy(p -> assertThat(p).contains("dir.json is not a regular file"))
                .anySatisfy(p -> assertThat(p).contains("link.json is a link to outside the source directory"))
                .anySatisfy(p -> assertThat(p).contains("'notes.txt' is not a *.json"));
    }

    @Test
    void aLinkedFileLeadingOutsideTheSourceIsRejected() throws IOException {
        Files.writeString(source.resolve("users.json"), "[]");
        Path outside = Files.writeString(allowed.resolve("other-app.json"), "[]");
        Files.createSymbolicLink(source.resolve("posts.json"), outside);

        PhaseFailure failure = failure(NO_MARGIN, spec());

        assertThat(failure.problems()).singleElement().asString()
                .contains(source.resolve("posts.json").toString()).contains("link to outside the source directory");
    }

    @Test
    void aSourceDirectoryOutsideTheAllowedRootsOrLinkedOutOfThemIsRejected() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("db.json"), "{}");
        Path link = Files.createSymbolicLink(allowed.resolve("looks-allowed"), elsewhere);

        assertThat(failure(NO_MARGIN, new RunSpec(link.toString(), "/schema", null, "local", "test")).getMessage())
                .contains("lies outside the allowed roots");
        assertThat(failure(NO_MARGIN, new RunSpec(allowed + "/app-data/../../elsewhere", "/schema", null, "local",
                "test")).getMessage()).contains("lies outside the allowed roots");
    }

    @Test
    void invalidJsonAndInvalidUtf8AreNamedByFileLineAndColumnAndABomIsAccepted() throws IOException {
        Path syntax = Files.writeString(source.resolve("comments.json"), "[\n  {\"id\": 1},\n  {\"id\": 2,}\n]");
        Path bytes = source.resolve("users.json");
        Files.write(bytes, concat("[\n{\"name\": \"Ren".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xE9}, "e\"}\n]".getBytes(StandardCharsets.UTF_8)));
        Files.write(source.resolve("posts.json"), concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "[{\"title\": \"caf\u00e9\"}]".getBytes(StandardCharsets.UTF_8)));

        PhaseFailure failure = failure(NO_MARGIN, spec());

        assertThat(failure.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith(syntax.toString()).contains("line 3, column"))
                .anySatisfy(p -> assertThat(p).startsWith(bytes.toString()).contains("line 2, column")
                        .containsIgnoringCase("UTF-8"));
    }

    @Test
    void aBomFileAloneIsValid() throws IOException {
        Files.write(source.resolve("db.json"), concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"posts\": [{\"title\": \"caf\u00e9\"}]}".getBytes(StandardCharsets.UTF_8)));

        assertThat(preflight(NO_MARGIN).check(spec()).recordsPerCollection()).containsExactly(Map.entry("posts", 1L));
    }

    @Test
    void tooLittleFreeSpaceIsReportedWithBothFiguresBesideTheOtherProblems() throws IOException {
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}]");
        Files.writeString(source.resolve("posts.json"), "[{\"id\": 1]");

        PhaseFailure failure = failure(Long.MAX_VALUE / 4, spec());

        assertThat(failure.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("posts.json").contains("line 1, column"))
                .anySatisfy(p -> assertThat(p).contains("not enough free space at snapshot root " + snapshotRoot)
                        .containsPattern("[0-9.]+ [KMGTPE]iB \\(\\d+ bytes\\) available, [0-9.]+ [KMGTPE]iB \\(\\d+ bytes\\) needed"));
        assertThat(snapshotRoot).doesNotExist();
    }

    @Test
    void aSourceInAnotherLayoutThanTheRunExpectsIsRefusedAndEachQuestionIsAnsweredOnItsOwn() throws IOException {
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}]");

        PhaseFailure failure = failure(NO_MARGIN, spec().withLayout("db-json"));

        assertThat(failure.problems()).containsExactly("source directory " + source
                + " is in layout array-per-file, but the run expects db-json");
        assertThat(preflight(NO_MARGIN).inspect(spec().withLayout("db-json")).checks())
                .extracting(c -> c.name() + " " + c.passed())
                .containsExactly("source-readable true", "source-valid true", "source-layout false", "backup-space true");
        assertThat(preflight(NO_MARGIN).check(spec().withLayout("array-per-file")).source().layout())
                .isEqualTo(SourceLayout.ARRAY_PER_FILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"hello\"", "true", "null"})
    void aScalarTopLevelIsNamedAsSuchAndFailsTheSameCheckInPreflightAndRun(String document) throws IOException {
        Files.writeString(source.resolve("db.json"), document + "\n");
        String kind = switch (document) {
            case "42" -> "a number";
            case "true" -> "a boolean";
            case "null" -> "null";
            default -> "a string";
        };
        String expected = "source file " + source.toRealPath().resolve("db.json") + ": its top level is " + kind
                + ", expected an object of collections (db.json) or an array of records";

        assertThat(preflight(NO_MARGIN).inspect(spec()).checks())
                .extracting(c -> c.name() + " " + c.passed())
                .containsExactly("source-readable true", "source-valid false", "source-layout false", "backup-space true");
        assertThat(preflight(NO_MARGIN).inspect(spec()).checks().get(1).detail()).isEqualTo(expected);
        assertThat(failure(NO_MARGIN, spec()).problems()).as("the run's own check, the same words").containsExactly(expected);
    }

    @Test
    void mixedLayoutsAndStrayDocumentsAreReported() throws IOException {
        Files.writeString(source.resolve("users.json"), "[]");
        Files.writeString(source.resolve("settings.json"), "{\"theme\": \"dark\"}");

        assertThat(failure(NO_MARGIN, spec()).problems()).singleElement().asString()
                .contains("settings.json: its top level is an object, expected one array of records (with several "
                        + ".json files, one file per collection)");

        Files.writeString(source.resolve("events.ndjson"), "{}\n");
        assertThat(failure(NO_MARGIN, spec()).problems()).singleElement().asString().contains("mixes .json and .ndjson");
    }

    private SourcePreflight preflight(long margin) {
        return new SourcePreflight(new AllowedPaths(List.of(allowed.toString()), List.of()), snapshotRoot, margin,
                java.util.concurrent.ForkJoinPool.commonPool());
    }

    private PhaseFailure failure(long margin, RunSpec spec) {
        return catchThrowableOfType(PhaseFailure.class, () -> preflight(margin).check(spec));
    }

    private RunSpec spec(String... files) {
        return new RunSpec(source.toString(), "/schema", null, "local", "test", List.of(files));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
