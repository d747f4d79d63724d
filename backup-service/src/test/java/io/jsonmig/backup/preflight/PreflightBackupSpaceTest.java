package io.jsonmig.backup.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup-space} failing on its own: a margin no disk has, and a snapshot root that cannot be
 * created (its parent is a file). The snapshot root is this class's own.
 */
@QuarkusTest
@TestProfile(PreflightBackupSpaceTest.NoRoom.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class PreflightBackupSpaceTest {

    /** This JVM's own, so that builds running side by side never share it. */
    static final Path ROOT_PARENT = Path.of(System.getProperty("java.io.tmpdir"),
            "jsonmig-preflight-no-room-" + ProcessHandle.current().pid());

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.backup.snapshot-root", ROOT_PARENT.resolve("snapshots").toString(),
                    // about 888 PiB
                    "jsonmig.backup.free-space-margin", "1000000000000000000");
        }
    }

    private static Path source;

    @BeforeAll
    static void prepare() throws IOException {
        source = Files.createTempDirectory("jsonmig-backup-space-").toRealPath();
        Files.copy(Path.of("../examples/blog/data/db.json"), source.resolve("db.json"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TestFiles.deleteTree(source);
        Files.deleteIfExists(ROOT_PARENT);
    }

    @Test
    void aMarginNoDiskHasFailsOnlyBackupSpaceWithBothFigures() throws IOException {
        Files.deleteIfExists(ROOT_PARENT);

        PreflightCheck failed = PreflightChecks.onlyFailed(PreflightChecks.of(spec()), SourceInspection.SPACE);

        assertThat(failed.detail()).startsWith("not enough free space at snapshot root " + ROOT_PARENT.resolve("snapshots"))
                .containsPattern("[0-9.]+ [KMGTPE]iB \\(\\d+ bytes\\) available, [0-9.]+ [KMGTPE]iB \\(\\d+ bytes\\) needed");
        assertThat(failed.fix()).contains("JSONMIG_SNAPSHOT_ROOT");
        assertThat(ROOT_PARENT).as("nothing created").doesNotExist();
    }

    @Test
    void aSnapshotRootThatCannotBeCreatedFailsOnlyBackupSpace() throws IOException {
        Files.deleteIfExists(ROOT_PARENT);
        Files.writeString(ROOT_PARENT, "a file where the snapshot root's parent should be");
        try {
            PreflightCheck failed = PreflightChecks.onlyFailed(PreflightChecks.of(spec()), SourceInspection.SPACE);

            assertThat(failed.detail()).isEqualTo("snapshot root " + ROOT_PARENT.resolve("snapshots")
                    + " cannot be written: " + ROOT_PARENT + " is not a directory");
        } finally {
            Files.delete(ROOT_PARENT);
        }
    }

    private static RunSpec spec() {
        return new RunSpec(source.toString(), "/unused/schema", null, "test", "backup-space-test");
    }
}
