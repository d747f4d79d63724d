package io.jsonmig.backup.snapshot;

import io.jsonmig.support.snapshot.SnapshotVerifier;
import io.jsonmig.support.snapshot.MeasuredOutputStream;
import io.jsonmig.support.snapshot.PrivateFiles;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.preflight.CheckedSource;
import io.jsonmig.backup.preflight.FileFingerprint;
import io.jsonmig.backup.preflight.SourceChanged;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Writes a snapshot of a checked source: copies every file into a temporary directory (hashing what
 * it copies and encoding it for storage), detects a file the application changed meanwhile, writes
 * the manifest and its checksum, re-reads the stored snapshot against the manifest, forces it all to
 * disk and only then renames the directory into place. A snapshot is complete or absent.
 */
final class SnapshotWriter {

    static final int BUFFER_SIZE = 1024 * 1024;

    private final ObjectMapper json;
    private final SnapshotCodec codec;
    private final SnapshotVerifier verifier;

    SnapshotWriter(ObjectMapper json, SnapshotCodec codec) {
        this.json = json;
        this.codec = codec;
        this.verifier = new SnapshotVerifier(codec);
    }

    /** Everything a finished snapshot is: the manifest, its own hash, and where it lies. */
    record Written(Manifest manifest, String manifestSha256, Path location, long bytes) {
    }

    /** Who takes a snapshot and where: the manifest's identity fields. */
    record Identity(String snapshotId, String migrationId, int attempt, String host, Instant createdAt) {
    }

    /**
     * @throws SourceChanged when a source file changed since the preflight read it (nothing is left behind)
     * @throws PhaseFailure  when the stored snapshot does not match its manifest
     */
    Written write(CheckedSource checked, Path snapshotRoot, Identity identity, CopyProgress progress)
            throws IOException {
        PrivateFiles.createDirectory(snapshotRoot);
        Path target = snapshotRoot.resolve(identity.snapshotId());
        Path temp = snapshotRoot.resolve("." + identity.snapshotId() + ".partial-" + UUID.randomUUID());
        PrivateFiles.createDirectory(temp);
        try {
            SnapshotStorage storage = codec.storageForNewSnapshots();
            SourceSet source = checked.source();
            Path filesDir = temp.resolve(SnapshotSummary.FILES_DIR);
            PrivateFiles.createDirectory(filesDir);
            List<ManifestFile> files = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            long[] done = {0};
            long total = checked.totalBytes();
            for (Path file : source.files()) {
                files.add(copy(file, source.relativeName(file), checked.fingerprint(file), filesDir, storage, changed,
                        n -> progress.copied(done[0] += n, total)));
            }
            if (!changed.isEmpty()) {
                throw new SourceChanged(changed);
            }
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, identity.snapshotId(), identity.migrationId(),
                    identity.attempt(), identity.host(), source.root().toString(), identity.createdAt(),
                    source.layout().label(), storage, files, checked.recordsPerCollection(),
                    checked.collectionOffsets().isEmpty() ? null : checked.collectionOffsets());
            byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            String manifestSha256 = FileHashes.sha256(manifestBytes);
            PrivateFiles.write(temp.resolve(Manifest.FILE_NAME), manifestBytes);
            PrivateFiles.write(temp.resolve(Manifest.CHECKSUM_FILE_NAME),
                    (manifestSha256 + "  " + Manifest.FILE_NAME + "\n").getBytes(StandardCharsets.US_ASCII));
            List<String> problems = verifier.check(temp, manifestSha256);
            if (!problems.isEmpty()) {
                throw new PhaseFailure("the stored snapshot failed its check before it was announced", problems);
            }
            PrivateFiles.forceTree(temp);
            if (Files.exists(target)) {
                PrivateFiles.deleteTree(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.force(snapshotRoot);
            long bytes = files.stream().mapToLong(ManifestFile::bytes).sum();
            return new Written(manifest, manifestSha256, target, bytes);
        } catch (IOException | RuntimeException | Error e) {
            try {
                PrivateFiles.deleteTree(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Problems found when re-reading a stored snapshot against its manifest. */
    List<String> check(Path snapshotDir, String expectedManifestSha256) {
        return verifier.check(snapshotDir, expectedManifestSha256);
    }

    private interface Copied {
        void add(long bytes);
    }

    private ManifestFile copy(Path file, String relative, FileFingerprint before, Path filesDir,
                              SnapshotStorage storage, List<String> changed, Copied progress) throws IOException {
        Path stored = filesDir.resolve(relative);
        PrivateFiles.createDirectory(stored.getParent());
        // Stored as is, the stored bytes are the source bytes: one hash serves both.
        boolean storedAsIs = !storage.compressed() && !storage.encrypted();
        MessageDigest plain = FileHashes.sha256();
        long copied = 0;
        MeasuredOutputStream measured;
        try (InputStream in = Files.newInputStream(file);
             MeasuredOutputStream storedOut = new MeasuredOutputStream(PrivateFiles.create(stored));
             OutputStream out = codec.encoder(storedOut, storage)) {
            measured = storedOut;
            byte[] buffer = new byte[BUFFER_SIZE];
            // up to the size the preflight saw: a file that keeps growing would otherwise never end
            for (int n; copied < before.size() && (n = in.read(buffer, 0,
                    (int) Math.min(buffer.length, before.size() - copied))) >= 0; ) {
                if (!storedAsIs) {
                    plain.update(buffer, 0, n);
                }
                out.write(buffer, 0, n);
                copied += n;
                progress.add(n);
            }
        }
        PrivateFiles.force(stored);
        String storedSha256 = measured.sha256();
        String sha256 = storedAsIs ? storedSha256 : HexFormat.of().formatHex(plain.digest());
        FileFingerprint after = FileFingerprint.stat(file);
        if (!before.sameStat(after) || copied != before.size() || !sha256.equals(before.sha256())) {
            changed.add("source file " + file + " changed after it was checked: " + before.size() + " bytes modified "
                    + before.modified() + " then, " + after.size() + " bytes modified " + after.modified() + " now");
        }
        return new ManifestFile(relative, copied, sha256,
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), before.modified().toInstant(),
                measured.bytes(), storedSha256);
    }
}
