package io.jsonmig.support.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestPathsTest {

    @TempDir
    Path temp;

    @Test
    void aPlainRelativePathResolvesInsideTheRootEvenWhenItDoesNotExistYet() throws IOException {
        Path root = Files.createDirectories(temp.resolve("source")).toRealPath();

        assertThat(ManifestPaths.resolveInside(root, "db.json")).isEqualTo(root.resolve("db.json"));
        assertThat(ManifestPaths.resolveInside(root, "nested/users.json")).isEqualTo(root.resolve("nested/users.json"));
    }

    @Test
    void parentSegmentsAreRefusedEvenWhenTheyWouldEndInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("source")).toRealPath();

        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "../outside.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../outside.json' contains '..'");
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "nested/../db.json"))
                .hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "./db.json"))
                .hasMessageContaining("contains '.'");
    }

    @Test
    void absoluteAndEmptyPathsAreRefused() throws IOException {
        Path root = Files.createDirectories(temp.resolve("source")).toRealPath();

        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, root.resolve("db.json").toString()))
                .hasMessageContaining("is absolute");
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "/etc/passwd")).hasMessageContaining("is absolute");
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, " ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "bad\0name.json"))
                .hasMessageContaining("not a valid path");
    }

    @Test
    void aSymbolicLinkThatLeadsOutsideTheRootIsRefused() throws IOException {
        Path root = Files.createDirectories(temp.resolve("source")).toRealPath();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("linked"), outside);
        Files.createSymbolicLink(root.resolve("db.json"), outside.resolve("target.json"));

        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "linked/users.json"))
                .hasMessageContaining("through the symbolic link " + root.resolve("linked"));
        assertThatThrownBy(() -> ManifestPaths.resolveInside(root, "db.json"))
                .hasMessageContaining("cannot be resolved");
    }
}
