package io.jsonmig.migration.reject;

import io.jsonmig.events.MigrationIds;
import io.jsonmig.migration.config.MigrationConfig;
import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a run's rejects are written: {@code <rejects-dir>/<migrationId>/<collection>.rejects.ndjson},
 * directories 0700 and files 0600 (the raw records may be personal data). The migration id is
 * checked and the collection's name encoded, so neither can lead out of the run's directory.
 */
@ApplicationScoped
public class RejectFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final MigrationConfig config;

    public RejectFiles(MigrationConfig config) {
        this.config = config;
    }

    /** The run's directory (not created). */
    public Path directory(String migrationId) {
        return root().resolve(MigrationIds.requireValid(migrationId));
    }

    /** Creates the run's directory and an empty (or emptied) reject file of the collection. */
    public Path create(String migrationId, String collection) {
        Path directory = directory(migrationId);
        Path file = directory.resolve(fileName(collection)).normalize();
        if (!directory.equals(file.getParent())) {
            throw new PhaseFailure("collection '" + collection + "' cannot name a reject file in " + directory);
        }
        try {
            createPrivateDirectory(root());
            createPrivateDirectory(directory);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException e) {
                Files.setPosixFilePermissions(file, FILE);
                Files.write(file, new byte[0]);
            }
            return file;
        } catch (IOException e) {
            throw new PhaseFailure("cannot write the reject file " + file + ": " + e.getMessage()
                    + " (set JSONMIG_REJECTS_DIR)");
        }
    }

    /** {@code users.rejects.ndjson}; a name with anything but letters, digits, {@code _ - .} is URL-encoded. */
    static String fileName(String collection) {
        String name = collection.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") ? collection
                : URLEncoder.encode(collection, StandardCharsets.UTF_8).replace("*", "%2A");
        return name + ".rejects.ndjson";
    }

    private Path root() {
        return Path.of(config.rejectsDir()).toAbsolutePath().normalize();
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(directory, DIRECTORY);
    }
}
