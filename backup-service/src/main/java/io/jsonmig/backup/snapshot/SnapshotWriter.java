package io.jsonmig.backup.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a snapshot: copies the source files into a temporary directory (hashing while copying),
 * counts the records of the copies, writes the manifest, re-reads every copy to check its hash,
 * and only then renames the directory into place. A snapshot is complete or absent.
 */
final class SnapshotWriter {

    private final ObjectMapper json;

    SnapshotWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Everything a finished snapshot is: the manifest, its own hash, and where it lies. */
    record Written(Manifest manifest, String manifestSha256, Path location, long bytes) {
    }

    Written write(SourceSet source, Path snapshotRoot, String snapshotId, String migrationId, String host,
                  Instant now) throws IOException {
        createPrivateDirectory(snapshotRoot);
        Path target = snapshotRoot.resolve(snapshotId);
        Path temp = snapshotRoot.resolve("." + snapshotId + ".partial-" + UUID.randomUUID());
        createPrivateDirectory(temp);
        try {
            List<ManifestFile> files = new ArrayList<>();
            long bytes = 0;
            for (Path file : source.files()) {
                ManifestFile copied = copy(source, file, temp.resolve(SnapshotSummary.FILES_DIR));
                files.add(copied);
                bytes += copied.bytes();
            }
            Map<String, Long> records = JsonRecords.count(source.relocate(temp.resolve(SnapshotSummary.FILES_DIR)));
            Manifest manifest = new Manifest(1, snapshotId, migrationId, 0, host, source.root().toString(), now,
                    source.layout().label(), SnapshotStorage.PLAIN, files, records);
            byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            writePrivateFile(temp.resolve(Manifest.FILE_NAME), manifestBytes);
            verify(temp, manifest);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Written(manifest, FileHashes.sha256(manifestBytes), target, bytes);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Every copy of the manifest still has its recorded hash; returns the problems found. */
    static List<String> check(Path snapshotDir, Manifest manifest) throws IOException {
        return manifest.differencesIn(snapshotDir.resolve(SnapshotSummary.FILES_DIR), "snapshot file");
    }

    private static void verify(Path snapshotDir, Manifest manifest) throws IOException {
        List<String> problems = check(snapshotDir, manifest);
        if (!problems.isEmpty()) {
            throw new PhaseFailure("the stored snapshot failed its own check", problems);
        }
    }

    private static ManifestFile copy(SourceSet source, Path file, Path filesDir) throws IOException {
        String relative = source.relativeName(file);
        long sizeBefore = Files.size(file);
        FileTime modifiedBefore = Files.getLastModifiedTime(file);
        Path copy = filesDir.resolve(relative);
        createPrivateDirectory(copy.getParent());
        MessageDigest digest = FileHashes.sha256();
        long copied;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
             OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            copied = in.transferTo(out);
        }
        fsync(copy);
        if (Files.size(file) != sizeBefore || !Files.getLastModifiedTime(file).equals(modifiedBefore)
                || copied != sizeBefore) {
            throw new PhaseFailure("source is being modified: " + file
                    + " changed while it was copied; stop writes or enable maintenance mode, then retry");
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        return new ManifestFile(relative, copied, sha, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                modifiedBefore.toInstant(), copied, sha);
    }

    private static void writePrivateFile(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        fsync(file);
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException exists) {
            // created earlier
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
