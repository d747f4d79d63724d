package io.jsonmig.migration.reverse;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.snapshot.MeasuredOutputStream;
import io.jsonmig.support.snapshot.PrivateFiles;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotVerifier;
import io.jsonmig.support.source.FileHashes;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reverse sync's export as a snapshot like backup-service's: files written into a temporary
 * directory (encoded as new snapshots are), the manifest and its checksum, the stored copy re-read
 * against the manifest, everything forced to disk, and only then the directory renamed into place.
 * An export is complete or absent.
 */
final class ExportSnapshot implements AutoCloseable {

    private final ObjectMapper json;
    private final SnapshotCodec codec;
    private final Manifest base;
    private final Path root;
    private final String snapshotId;
    private final Path temp;
    private final Path filesDir;
    private final SnapshotStorage storage;
    private final List<ManifestFile> files = new ArrayList<>();
    private boolean done;

    /** A file of the export being written: its plain bytes are counted and hashed on the way to the encoder. */
    final class File extends FilterOutputStream {
        private final String relative;
        private final Path stored;
        private final MeasuredOutputStream storedSide;
        private final MeasuredOutputStream plain;

        private File(String relative, Path stored, MeasuredOutputStream storedSide, OutputStream encoded) {
            super(new MeasuredOutputStream(encoded));
            this.relative = relative;
            this.stored = stored;
            this.storedSide = storedSide;
            this.plain = (MeasuredOutputStream) out;
        }

        /** Plain bytes written so far: the offset the next byte will have in the restored file. */
        long offset() {
            return plain.bytes();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            super.close();
            PrivateFiles.force(stored);
            String mode = base.file(relative).map(ManifestFile::mode).orElse("rw-r--r--");
            files.add(new ManifestFile(relative, plain.bytes(), plain.sha256(), mode, Instant.now(),
                    storedSide.bytes(), storedSide.sha256()));
        }
    }

    ExportSnapshot(ObjectMapper json, SnapshotCodec codec, Manifest base, Path root, String snapshotId)
            throws IOException {
        this.json = json;
        this.codec = codec;
        this.base = base;
        this.root = root;
        this.snapshotId = snapshotId;
        this.temp = root.resolve("." + snapshotId + ".partial-" + UUID.randomUUID());
        this.filesDir = temp.resolve(SnapshotSummary.FILES_DIR);
        this.storage = codec.storageForNewSnapshots();
        try (var leftovers = Files.newDirectoryStream(root, "." + snapshotId + ".partial-*")) {
            for (Path leftover : leftovers) {
                PrivateFiles.deleteTree(leftover); // an export a crash cut short
            }
        }
        PrivateFiles.createDirectory(temp);
        PrivateFiles.createDirectory(filesDir);
    }

    File create(String relative) throws IOException {
        Path stored = filesDir.resolve(relative);
        PrivateFiles.createDirectory(stored.getParent());
        MeasuredOutputStream measured = new MeasuredOutputStream(PrivateFiles.create(stored));
        return new File(relative, stored, measured, codec.encoder(measured, storage));
    }

    /** Writes the manifest, checks the export against it and moves it into place. */
    SnapshotSummary finish(String migrationId, int attempt, Instant createdAt, Map<String, Long> records,
                           Map<String, Long> offsets) throws IOException {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, snapshotId, migrationId, attempt, base.sourceHost(),
                base.sourceDir(), createdAt, base.layout(), storage, List.copyOf(files), records,
                offsets.isEmpty() ? null : offsets);
        byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        String manifestSha256 = FileHashes.sha256(manifestBytes);
        PrivateFiles.write(temp.resolve(Manifest.FILE_NAME), manifestBytes);
        PrivateFiles.write(temp.resolve(Manifest.CHECKSUM_FILE_NAME),
                (manifestSha256 + "  " + Manifest.FILE_NAME + "\n").getBytes(StandardCharsets.US_ASCII));
        List<String> problems = new SnapshotVerifier(codec).check(temp, manifestSha256);
        if (!problems.isEmpty()) {
            throw new PhaseFailure("the reverse sync's export failed its check before it was announced", problems);
        }
        PrivateFiles.forceTree(temp);
        Path target = root.resolve(snapshotId);
        if (Files.exists(target)) {
            PrivateFiles.deleteTree(target); // an export a crash left behind: this one replaces it
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        PrivateFiles.force(root);
        done = true;
        long bytes = files.stream().mapToLong(ManifestFile::bytes).sum();
        return new SnapshotSummary(snapshotId, target.toString(), base.layout(), files.size(), bytes, records,
                manifestSha256, storage, offsets.isEmpty() ? null : offsets);
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            PrivateFiles.deleteTree(temp);
        }
    }
}
