package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotIntegrityException;
import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Re-reads a stored snapshot and checks it against its manifest: the manifest against its own
 * checksum, every stored file against its stored size and hash and, decoded, against the size and
 * hash of the source file it copies. One read per file.
 */
public final class SnapshotVerifier {

    private final SnapshotCodec codec;

    public SnapshotVerifier(SnapshotCodec codec) {
        this.codec = codec;
    }

    /**
     * Checks a stored snapshot; returns one line per problem, each naming the file.
     *
     * @param expectedManifestSha256 the manifest hash from the ledger, or {@code null}
     */
    public List<String> check(Path snapshotDir, String expectedManifestSha256) {
        try {
            return checkFiles(snapshotDir, TrustedManifest.read(snapshotDir, expectedManifestSha256));
        } catch (TrustedManifest.UntrustedManifestException e) {
            return List.of(e.getMessage());
        }
    }

    /**
     * Every stored file of the manifest, read once, against its stored and its source size and hash.
     * Files are checked side by side (one per core); the problems come back in manifest order.
     */
    public List<String> checkFiles(Path snapshotDir, Manifest manifest) {
        Path filesDir;
        try {
            filesDir = snapshotDir.resolve(SnapshotSummary.FILES_DIR).toRealPath();
        } catch (IOException e) {
            return List.of("snapshot files directory " + snapshotDir.resolve(SnapshotSummary.FILES_DIR)
                    + " cannot be read: " + e.getMessage());
        }
        return manifest.files().parallelStream()
                .flatMap(file -> checkEntry(filesDir, file, manifest.storage()).stream())
                .toList();
    }

    private List<String> checkEntry(Path filesDir, ManifestFile file, SnapshotStorage storage) {
        Path stored;
        try {
            stored = ManifestPaths.resolveInside(filesDir, file.path());
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (!Files.isRegularFile(stored)) {
            return List.of("snapshot file " + stored + " is missing");
        }
        List<String> problems = new ArrayList<>();
        checkFile(stored, file, storage, problems);
        return problems;
    }

    private void checkFile(Path stored, ManifestFile file, SnapshotStorage storage, List<String> problems) {
        MessageDigest storedDigest = FileHashes.sha256();
        MessageDigest plainDigest = FileHashes.sha256();
        boolean plain = !storage.compressed() && !storage.encrypted();
        long storedBytes;
        long plainBytes = 0;
        try (InputStream raw = Files.newInputStream(stored);
             DigestInputStream storedIn = new DigestInputStream(raw, storedDigest)) {
            byte[] buffer = new byte[1024 * 1024];
            if (plain) {
                for (int n; (n = storedIn.read(buffer)) >= 0; ) {
                    plainBytes += n;
                }
            } else {
                InputStream decoded = codec.decoder(storedIn, storage);
                for (int n; (n = decoded.read(buffer)) >= 0; ) {
                    plainDigest.update(buffer, 0, n);
                    plainBytes += n;
                }
                // the hash of the stored bytes covers all of them, also any the decoder did not need
                while (storedIn.read(buffer) >= 0) {
                    // drain
                }
            }
            storedBytes = Files.size(stored);
        } catch (SnapshotIntegrityException e) {
            problems.add("snapshot file " + stored + " is corrupted: " + e.reason());
            return;
        } catch (IOException e) {
            problems.add("snapshot file " + stored + " cannot be read back: " + e.getMessage());
            return;
        }
        String storedSha = HexFormat.of().formatHex(storedDigest.digest());
        String plainSha = plain ? storedSha : HexFormat.of().formatHex(plainDigest.digest());
        if (storedBytes != file.storedBytes() || !storedSha.equals(file.storedSha256())) {
            problems.add("snapshot file " + stored + " is corrupted: " + storedBytes + " bytes with SHA-256 " + storedSha
                    + " on disk, the manifest records " + file.storedBytes() + " bytes with SHA-256 " + file.storedSha256());
        } else if (plainBytes != file.bytes() || !plainSha.equals(file.sha256())) {
            problems.add("snapshot file " + stored + " does not decode to the source it copies: " + plainBytes
                    + " bytes with SHA-256 " + plainSha + ", the manifest records " + file.bytes()
                    + " bytes with SHA-256 " + file.sha256());
        }
    }
}
