package io.jsonmig.backup;

import io.jsonmig.backup.config.BackupConfig;
import io.jsonmig.backup.retention.SnapshotRetention;
import io.jsonmig.support.snapshot.PrivateFiles;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Layouts, consistency under concurrent writes, rejected paths, corruption and retention, through Kafka. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class SnapshotFeaturesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EventProbe probe;
    private static Path workDir;

    @Inject
    SnapshotService snapshots;
    @Inject
    SnapshotRetention retention;
    @Inject
    BackupConfig config;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-snapshot-test-").toRealPath();
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void eachLayoutIsSnapshottedWithItsRecordCountsAndCopyProgress() throws IOException {
        Path arrays = dir("arrays");
        Files.writeString(arrays.resolve("users.json"), "[{\"id\": 1}, {\"id\": 2}]");
        Files.writeString(arrays.resolve("posts.json"), "[{\"id\": 1}]");
        Path ndjson = dir("ndjson");
        Files.writeString(ndjson.resolve("events.ndjson"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        Path listed = dir("listed");
        Files.createDirectories(listed.resolve("tables"));
        Files.writeString(listed.resolve("tables/users.json"), "[{\"id\": 1}]");
        Files.writeString(listed.resolve("ignored.json"), "[{\"id\": 1}, {\"id\": 2}]");

        SnapshotSummary arraySnapshot = backUp(spec(arrays));
        SnapshotSummary ndjsonSnapshot = backUp(spec(ndjson));
        EventEnvelope listedRequest = requestEvent(spec(listed, "tables/users.json"));
        probe.publish(listedRequest);
        SnapshotSummary listedSnapshot = probe.await(listedRequest.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT)
                .payloadAs(BackupCompleted.class).snapshot();

        assertThat(arraySnapshot.layout()).isEqualTo("array-per-file");
        assertThat(arraySnapshot.recordsPerCollection()).containsOnly(Map.entry("users", 2L), Map.entry("posts", 1L));
        assertThat(ndjsonSnapshot.layout()).isEqualTo("ndjson");
        assertThat(ndjsonSnapshot.recordsPerCollection()).containsOnly(Map.entry("events", 3L));
        assertThat(arraySnapshot.collectionOffsets()).isNull();
        assertThat(ndjsonSnapshot.collectionOffsets()).isNull();
        assertThat(listedSnapshot.recordsPerCollection()).containsOnly(Map.entry("users", 1L));
        assertThat(listedSnapshot.files()).isEqualTo(1);
        assertThat(Path.of(listedSnapshot.location()).resolve("files/tables/users.json")).exists();
        Progress copied = probe.awaitMatching(listedRequest.migrationId(),
                e -> e.payload() instanceof Progress p && p.item().equals("bytes"), "copy progress", TIMEOUT)
                .payloadAs(Progress.class);
        assertThat(copied.phase()).isEqualTo(Phase.BACKUP);
        assertThat(copied.done()).isEqualTo(copied.total()).isEqualTo(listedSnapshot.bytes());
    }

    @Test
    void aWriterThatKeepsAppendingIsDetectedRetriedAndFailsThePhaseNamingTheFile() throws IOException {
        Path source = dir("busy");
        Path events = Files.writeString(source.resolve("events.ndjson"), "{\"id\": 0}\n".repeat(50_000));
        EventEnvelope request = requestEvent(spec(source));
        AtomicBoolean failed = new AtomicBoolean();
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
            long lines = 0;
            while (!failed.get()) {
                append(events, "{\"id\": " + ++lines + "}\n");
            }
            return lines;
        });
        try {
            probe.publish(request);
            PhaseFailed failure = probe.await(request.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                    .payloadAs(PhaseFailed.class);

            assertThat(failure.reason())
                    .contains("source is being modified: stop writes or enable maintenance mode")
                    .contains("(" + (config.copyRetries() + 1) + " tries)")
                    .contains(events.toString());
            assertThat(failure.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains(events.toString()));
        } finally {
            failed.set(true);
        }
        assertThat(writer.join()).isPositive();
        assertThat(snapshotDirsOf(request.migrationId())).isEmpty();
        probe.await(request.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT);
    }

    @Test
    void aSourceWrittenOnceDuringTheCopyIsSnapshottedAgainOnTheRetry() throws IOException {
        Path source = dir("written-once");
        Path events = Files.writeString(source.resolve("events.ndjson"), "{\"id\": 1}\n");
        AtomicLong progressCalls = new AtomicLong();

        SnapshotSummary snapshot = snapshots.take(MigrationIds.newId(Clock.systemUTC()), 1, spec(source),
                (done, total) -> {
                    if (progressCalls.getAndIncrement() == 0) {
                        append(events, "{\"id\": 2}\n"); // the application writes while the first copy runs
                    }
                });

        assertThat(progressCalls.get()).isEqualTo(2);
        assertThat(snapshot.recordsPerCollection()).containsExactly(Map.entry("events", 2L));
        assertThat(FileHashes.sha256(Path.of(snapshot.location()).resolve("files/events.ndjson")))
                .isEqualTo(FileHashes.sha256(events));
    }

    @Test
    void traversalLinksOutOfTheSourceAndInvalidFilesAreAllReportedAndNothingIsWritten() throws IOException {
        Path source = dir("hostile");
        Path outside = Files.writeString(workDir.resolve("outside.json"), "[{\"secret\": true}]");
        Files.createSymbolicLink(source.resolve("linked.json"), outside);
        Path syntax = Files.writeString(source.resolve("users.json"), "[\n  {\"id\": 1,}\n]");
        Path latin1 = source.resolve("posts.json");
        Files.write(latin1, "[{\"title\": \"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1));
        EventEnvelope request = requestEvent(spec(source, "../outside.json", "linked.json", "users.json", "posts.json"));

        probe.publish(request);
        PhaseFailed failure = probe.await(request.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);

        assertThat(failure.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("'../outside.json' must not contain '..'"))
                .anySatisfy(p -> assertThat(p).contains(source.resolve("linked.json") + " is a link to outside"))
                .anySatisfy(p -> assertThat(p).startsWith(syntax.toString()).contains("line 2, column"))
                .anySatisfy(p -> assertThat(p).startsWith(latin1.toString()).contains("line 1, column")
                        .containsIgnoringCase("UTF-8"));
        assertThat(snapshotDirsOf(request.migrationId())).isEmpty();
    }

    @Test
    void aSnapshotCorruptedOnDiskAfterItWasTakenIsNamedByTheCheck() throws IOException {
        Path source = dir("corrupted");
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}, {\"id\": 2}]");
        SnapshotSummary taken = backUp(spec(source));
        Path stored = Path.of(taken.location()).resolve("files/users.json");
        Snapshot row = QuarkusTransaction.requiringNew().call(() -> Snapshot.findById(taken.snapshotId()));
        assertThat(snapshots.check(row)).isEmpty();

        Files.writeString(stored, "[{\"id\": 1}, {\"id\": 3}]");

        assertThat(snapshots.check(row)).singleElement().asString()
                .contains("snapshot file " + stored).contains("corrupted");
    }

    @Test
    void retentionKeepsTheNewestSnapshotsPerSourceAndSparesActiveRuns() throws IOException {
        Path source = dir("retained");
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}]");
        SnapshotSummary first = backUp(spec(source));
        SnapshotSummary second = backUp(spec(source));
        SnapshotSummary third = backUp(spec(source));
        // three snapshots and a limit of two, but every run is still active
        assertThat(retention.apply(source.toString())).isEmpty();
        assertThat(Path.of(first.location())).isDirectory();
        // as migration-service writes them: under the snapshot root, one directory per run
        Path rejectRoot = Path.of(config.snapshotRoot().toString(), "rejects");
        assertThat(Path.of(ConfigProvider.getConfig().getValue("jsonmig.rejects.root", String.class)))
                .isEqualTo(rejectRoot);
        assertThat(ConfigProvider.getConfig().getValues("jsonmig.paths.storage-roots", String.class))
                .as("the reject root is always allowed, as the snapshot root").contains(rejectRoot.toString());
        Path firstRejects = rejectRoot.resolve(runOf(first));
        Path secondRejects = rejectRoot.resolve(runOf(second));
        for (Path rejects : List.of(firstRejects, secondRejects)) {
            PrivateFiles.createDirectory(rejects);
            PrivateFiles.write(rejects.resolve("users.rejects.ndjson"), "{\"position\": 0}\n".getBytes());
        }

        probe.publish(cutoverReady(runOf(first)));

        await().atMost(TIMEOUT).until(() -> deletedAt(first) != null);
        assertThat(Path.of(first.location())).doesNotExist();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(firstRejects)
                .as("the rejects of a run go with its last snapshot").doesNotExist());
        assertThat(secondRejects.resolve("users.rejects.ndjson")).as("a run still active keeps its rejects")
                .isRegularFile();
        assertThat(rejectRoot).isDirectory();
        SnapshotSummary fourth = backUp(spec(source));
        assertThat(retention.apply(source.toString())).isEmpty();
        assertThat(Path.of(second.location())).as("the snapshot of a run still active").isDirectory();
        assertThat(deletedAt(second)).isNull();
        assertThat(Stream.of(third, fourth).map(s -> Path.of(s.location()))).allSatisfy(p -> assertThat(p).isDirectory());

        probe.publish(cutoverReady(runOf(second)));

        await().atMost(TIMEOUT).until(() -> deletedAt(second) != null);
        assertThat(Path.of(second.location())).doesNotExist();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(secondRejects).doesNotExist());
        assertThat(Path.of(third.location())).isDirectory();
    }

    private SnapshotSummary backUp(RunSpec spec) {
        EventEnvelope request = requestEvent(spec);
        probe.publish(request);
        return probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT)
                .payloadAs(BackupCompleted.class).snapshot();
    }

    private static String runOf(SnapshotSummary snapshot) {
        return snapshot.snapshotId().substring(0, snapshot.snapshotId().lastIndexOf("-a"));
    }

    private static Instant deletedAt(SnapshotSummary snapshot) {
        return QuarkusTransaction.requiringNew().call(() -> Snapshot.<Snapshot>findById(snapshot.snapshotId()).deletedAt);
    }

    private static EventEnvelope cutoverReady(String migrationId) {
        return EventEnvelope.of(migrationId, 1, "verification-service", "",
                new CutoverReady("test", List.of("users"), "switch to PostgreSQL"), Instant.now());
    }

    private List<Path> snapshotDirsOf(String migrationId) throws IOException {
        if (!Files.isDirectory(config.snapshotRoot())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(config.snapshotRoot())) {
            return entries.filter(p -> p.getFileName().toString().contains(migrationId)).toList();
        }
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name));
    }

    private static RunSpec spec(Path source, String... files) {
        return new RunSpec(source.toString(), "/unused/schema", null, "test", "snapshot-test", List.of(files));
    }

    private static EventEnvelope requestEvent(RunSpec spec) {
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "test", "", new MigrationRequested(spec),
                Instant.now());
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
