package io.jsonmig.migration.reject;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.rejects.RejectRoot;
import io.jsonmig.support.rejects.RunRejects;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a run's rejects are written: {@code <reject root>/<migrationId>/<collection>.rejects.ndjson} (by default
 * the reject root is {@code <snapshot root>/rejects}; backup-service's retention removes it with the run's snapshots),
 * directories 0700 and files 0600 (the raw records may be personal data). The migration id is
 * checked and the collection's name encoded, so neither can lead out of the run's directory.
 */
@ApplicationScoped
public class RejectFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final JsonFactory LINE = JsonFactory.builder().build();

    private final RejectRoot config;

    public RejectFiles(RejectRoot config) {
        this.config = config;
    }

    /** The run's directory (not created). */
    public Path directory(String migrationId) {
        return RunRejects.directory(config, migrationId);
    }

    /** Creates the run's directory and an empty (or emptied) reject file of the collection. */
    public Path create(String migrationId, String collection) {
        Path directory = directory(migrationId);
        Path file = file(migrationId, collection);
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
                    + " (set JSONMIG_REJECT_ROOT)");
        }
    }

    /**
     * The collection's reject file as a load that goes on from record {@code from} finds it: the lines
     * of the records before it are kept (their chunks were committed), later ones dropped (their chunk
     * was not). {@code null} when there is no file, or when the load starts from the beginning (a file
     * left by a chunk that never committed is deleted).
     */
    public Path keptBefore(String migrationId, String collection, long from) {
        Path file = file(migrationId, collection);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            if (from == 0) {
                Files.delete(file);
                return null;
            }
            Path kept = file.resolveSibling(file.getFileName() + ".resuming");
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 BufferedWriter out = Files.newBufferedWriter(kept, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank() && positionOf(line) < from) {
                        out.write(line);
                        out.write('\n');
                    }
                }
            }
            Files.setPosixFilePermissions(kept, FILE);
            Files.move(kept, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new PhaseFailure("cannot resume the reject file " + file + ": " + e.getMessage());
        }
    }

    /** The line's {@code position}, read without going through the (possibly large) raw record after it. */
    private static long positionOf(String line) throws IOException {
        try (JsonParser parser = LINE.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Long.MAX_VALUE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("position")) {
                    return parser.getLongValue();
                }
                parser.skipChildren();
            }
            return Long.MAX_VALUE;
        }
    }

    /** Where the collection's reject file is (or would be), checked to lie in the run's directory. */
    public Path file(String migrationId, String collection) {
        Path directory = directory(migrationId);
        Path file = directory.resolve(fileName(collection)).normalize();
        if (!directory.equals(file.getParent())) {
            throw new PhaseFailure("collection '" + collection + "' cannot name a reject file in " + directory);
        }
        return file;
    }

    /** {@code users.rejects.ndjson}; a name with anything but letters, digits, {@code _ - .} is URL-encoded. */
    static String fileName(String collection) {
        String name = collection.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") ? collection
                : URLEncoder.encode(collection, StandardCharsets.UTF_8).replace("*", "%2A");
        return name + ".rejects.ndjson";
    }

    private Path root() {
        return RunRejects.root(config);
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(directory, DIRECTORY);
    }
}
