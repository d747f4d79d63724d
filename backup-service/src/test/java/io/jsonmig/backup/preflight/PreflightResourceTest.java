package io.jsonmig.backup.preflight;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.backup.snapshot.Snapshot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code POST /preflight} on the real service: all checks pass on a valid source, then each fails on
 * its own, naming what it found; nothing is written and no event is published. The backup phase runs
 * the same checks: a run expecting another layout fails its backup naming both.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class PreflightResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of("../examples/blog/data/db.json");

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;

    @BeforeAll
    static void prepare() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-backup-preflight-").toRealPath();
    }

    @AfterAll
    static void cleanUp() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aValidSourcePassesEveryCheckAndNothingIsWrittenOrPublished() throws IOException {
        Path source = example("valid");
        String hash = FileHashes.sha256(source.resolve("db.json"));
        Set<String> snapshotsBefore = snapshotRootEntries();
        long snapshotRows = snapshotRows();
        long recordsBefore = probe.recordsOnRunTopics();

        PreflightReport report = PreflightChecks.of(spec(source).withLayout("db-json"));

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.check(SourceInspection.READABLE).detail()).contains("1 file", source.toString());
        assertThat(report.check(SourceInspection.VALID).detail())
                .startsWith("460 records in 3 collections (users 40, posts 120, comments 300)");
        assertThat(report.check(SourceInspection.LAYOUT).detail()).isEqualTo("db-json, as the run expects");
        assertThat(report.check(SourceInspection.SPACE).detail()).contains("writable", "room for the source");
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.fix()).isNull());

        assertThat(FileHashes.sha256(source.resolve("db.json"))).isEqualTo(hash);
        try (Stream<Path> files = Files.list(source)) {
            assertThat(files).containsExactly(source.resolve("db.json"));
        }
        assertThat(snapshotRootEntries()).isEqualTo(snapshotsBefore);
        assertThat(snapshotRows()).as("snapshots in the ledger").isEqualTo(snapshotRows);
        assertThat(probe.recordsOnRunTopics()).as("records on the run topics").isEqualTo(recordsBefore);
    }

    @Test
    void anUnreadableSourceFileFailsOnlySourceReadable() throws IOException {
        Path source = Files.createDirectories(workDir.resolve("unreadable"));
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}]");
        Path broken = Files.createSymbolicLink(source.resolve("posts.json"), source.resolve("gone.json"));

        PreflightCheck failed = PreflightChecks.onlyFailed(PreflightChecks.of(spec(source)),
                SourceInspection.READABLE);

        assertThat(failed.detail()).contains(broken.toString(), "cannot be resolved");
    }

    @Test
    void invalidJsonFailsOnlySourceValidNamingFileAndLine() throws IOException {
        Path source = Files.createDirectories(workDir.resolve("invalid"));
        Files.writeString(source.resolve("users.json"), "[{\"id\": 1}]");
        Path comments = Files.writeString(source.resolve("comments.json"), "[\n  {\"id\": 1},\n  {\"id\": 2,}\n]");
        String hash = FileHashes.sha256(comments);

        PreflightCheck failed = PreflightChecks.onlyFailed(PreflightChecks.of(spec(source)), SourceInspection.VALID);

        assertThat(failed.detail()).startsWith(comments.toString()).contains("line 3, column");
        assertThat(failed.fix()).contains("correct the JSON");
        assertThat(FileHashes.sha256(comments)).as("the source is only read").isEqualTo(hash);
    }

    @Test
    void aSourceInAnotherLayoutThanTheRunExpectsFailsOnlySourceLayout() throws IOException {
        Path source = example("other-layout");

        PreflightCheck failed = PreflightChecks.onlyFailed(PreflightChecks.of(spec(source).withLayout("ndjson")),
                SourceInspection.LAYOUT);

        assertThat(failed.detail()).isEqualTo("source directory " + source
                + " is in layout db-json, but the run expects ndjson");
        assertThat(failed.fix()).contains("db-json", "ndjson");
    }

    @Test
    void aSourceOutsideTheAllowedRootsIsRefusedAndNothingElseIsChecked() {
        PreflightReport report = PreflightChecks.of(new RunSpec("/etc", "/unused", null, "test", "test"));

        assertThat(report.check(SourceInspection.READABLE).passed()).isFalse();
        assertThat(report.check(SourceInspection.READABLE).detail()).contains("/etc", "lies outside the allowed roots");
        assertThat(report.checks().subList(1, 4)).allSatisfy(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.detail()).startsWith("not checked: the source directory was refused");
        });
    }

    @Test
    void aBodyThatIsNotARunSpecIsRefusedNamingTheProblem() {
        given().contentType("application/json").body("{\"sourceDir\": \"/x\", \"schemaDir\": \"/y\", "
                        + "\"targetProfile\": \"Bad Name\"}").when().post("/preflight")
                .then().statusCode(400).body("error", containsString("invalid target profile 'Bad Name'"));
        given().contentType("application/json").body("[1, 2").when().post("/preflight")
                .then().statusCode(400).body("error", containsString("not a run spec"));
    }

    @Test
    void theBackupPhaseRefusesASourceInAnotherLayoutThanTheRunExpects() throws IOException {
        Path source = example("phase-layout");
        String id = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(id, 1, "test", "", new MigrationRequested(spec(source).withLayout("array-per-file")),
                Instant.now()));

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);

        assertThat(failed.phase()).isEqualTo(Phase.BACKUP);
        assertThat(failed.problems()).containsExactly("source directory " + source
                + " is in layout db-json, but the run expects array-per-file");
        assertThat(failed.reason()).contains("nothing was written");
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.BACKUP_COMPLETED);
    }

    private static RunSpec spec(Path source) {
        return new RunSpec(source.toString(), "/unused/schema", null, "test", "backup-preflight-test");
    }

    private static Path example(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Files.copy(EXAMPLE, dir.resolve("db.json"));
        return dir;
    }

    private static long snapshotRows() {
        return QuarkusTransaction.requiringNew().call(() -> Snapshot.count());
    }

    static Set<String> snapshotRootEntries() throws IOException {
        Path root = Path.of(ConfigProvider.getConfig().getValue("jsonmig.backup.snapshot-root", String.class));
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
