package io.jsonmig.support.rejects;

import io.jsonmig.events.MigrationIds;
import io.jsonmig.support.snapshot.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** One run's reject directory under the reject root: named by its (checked) migration id, so it cannot lie elsewhere. */
public final class RunRejects {

    private RunRejects() {
    }

    public static Path root(RejectRoot config) {
        return Path.of(config.root()).toAbsolutePath().normalize();
    }

    /** {@code <root>/<migrationId>}; not created. */
    public static Path directory(RejectRoot config, String migrationId) {
        return root(config).resolve(MigrationIds.requireValid(migrationId));
    }

    /**
     * Removes the run's reject directory, renamed first so that a half-deleted one never looks like a run's rejects.
     *
     * @return whether there was one
     */
    public static boolean delete(RejectRoot config, String migrationId) throws IOException {
        Path directory = directory(config, migrationId);
        if (!Files.isDirectory(directory)) {
            return false;
        }
        Path doomed = directory.resolveSibling("." + directory.getFileName() + ".deleting-" + UUID.randomUUID());
        Files.move(directory, doomed, StandardCopyOption.ATOMIC_MOVE);
        PrivateFiles.deleteTree(doomed);
        return true;
    }
}
