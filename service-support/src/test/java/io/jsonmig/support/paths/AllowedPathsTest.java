package io.jsonmig.support.paths;

import io.jsonmig.support.messaging.PhaseFailure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedPathsTest {

    @TempDir
    Path machine;

    private Path app;
    private Path snapshots;
    private Path rejects;
    private Path elsewhere;
    private AllowedPaths paths;

    @BeforeEach
    void layOut() throws IOException {
        app = Files.createDirectories(machine.resolve("srv/app/data"));
        snapshots = Files.createDirectories(machine.resolve("jsonmig/stack/snapshots/20261207-abc"));
        rejects = Files.createDirectories(machine.resolve("jsonmig/rejects/run-1"));
        elsewhere = Files.createDirectories(machine.resolve("etc"));
        paths = new AllowedPaths(List.of(machine.resolve("srv/app").toString()),
                List.of(machine.resolve("jsonmig/stack/snapshots").toString(), machine.resolve("jsonmig/rejects").toString()));
    }

    @Test
    void theApplicationsDirectoryUnderAnAllowedRootIsAccepted() {
        assertThat(paths.directory(app.toString(), "source directory")).isEqualTo(realPath(app));
    }

    @Test
    void jsonmigsOwnStorageIsAcceptedThoughTheAllowedRootsNameOnlyTheApplication() {
        assertThat(paths.directory(snapshots.toString(), "snapshot directory")).isEqualTo(realPath(snapshots));
        assertThat(paths.directory(rejects.toString(), "reject directory")).isEqualTo(realPath(rejects));
    }

    @Test
    void aPathOutsideBothIsRefusedNamingOnlyTheAllowedRoots() {
        assertThatThrownBy(() -> paths.directory(elsewhere.toString(), "source directory"))
                .isInstanceOf(PhaseFailure.class)
                .hasMessageContaining("source directory " + elsewhere + " lies outside the allowed roots")
                .hasMessageContaining("srv/app")
                .hasMessageNotContaining("snapshots")
                .hasMessageContaining("set JSONMIG_ALLOWED_ROOTS");
    }

    @Test
    void aSiblingThatOnlySharesThePrefixOfTheStorageRootIsRefused() throws IOException {
        Path sibling = Files.createDirectories(machine.resolve("jsonmig/stack/snapshots-old"));
        assertThatThrownBy(() -> paths.directory(sibling.toString(), "snapshot directory"))
                .hasMessageContaining("lies outside the allowed roots");
    }

    @Test
    void dotDotCannotLeadOutOfTheStorageRoot() {
        String escape = machine.resolve("jsonmig/stack/snapshots/../../../etc").toString();
        assertThatThrownBy(() -> paths.directory(escape, "snapshot directory"))
                .hasMessageContaining("lies outside the allowed roots");
    }

    @Test
    void aSymbolicLinkInTheStorageRootPointingOutsideIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(machine.resolve("jsonmig/stack/snapshots/link"), elsewhere);
        assertThatThrownBy(() -> paths.directory(link.toString(), "snapshot directory"))
                .hasMessageContaining("lies outside the allowed roots");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
