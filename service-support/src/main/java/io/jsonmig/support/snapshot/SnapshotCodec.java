package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes snapshot files as configured ({@link SnapshotConfig}) and decodes them as their
 * {@link SnapshotStorage} says: gzip first, then AES-256-GCM in authenticated segments
 * ({@link SegmentedAesGcm}), both streamed in constant memory. Created at start-up so that a bad
 * key or compression setting stops the service before it handles anything.
 */
@Startup
@ApplicationScoped
public class SnapshotCodec {

    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private final String compression;
    private final Optional<SnapshotKey> key;
    private final SecureRandom random = new SecureRandom();

    public SnapshotCodec(SnapshotConfig config) {
        this.compression = config.compression().strip().toLowerCase(Locale.ROOT);
        if (!compression.equals(SnapshotStorage.NONE) && !compression.equals(SnapshotStorage.GZIP)) {
            throw new IllegalStateException("jsonmig.snapshot.compression (JSONMIG_SNAPSHOT_COMPRESSION) is '"
                    + config.compression() + "'; expected none or gzip");
        }
        this.key = config.encryptionKey().filter(k -> !k.isBlank()).map(SnapshotKey::parse);
        key.ifPresent(k -> SegmentedAesGcm.warmUp());
    }

    /** How new snapshots are stored: the configured compression, encrypted when a key is configured. */
    public SnapshotStorage storageForNewSnapshots() {
        return key.map(k -> new SnapshotStorage(compression, SnapshotStorage.AES_256_GCM, k.fingerprint()))
                .orElseGet(() -> new SnapshotStorage(compression, SnapshotStorage.NONE, null));
    }

    /**
     * Plain bytes written to the result come out encoded into {@code stored}; {@code close()}
     * finishes the encoding (gzip trailer, last sealed segment) and closes {@code stored}.
     */
    public OutputStream encoder(OutputStream stored, SnapshotStorage storage) throws IOException {
        OutputStream out = stored;
        if (storage.encrypted()) {
            SnapshotKey k = requireKey(storage, null);
            out = new EncryptingOutputStream(out, SegmentedAesGcm.forNewFile(k.secretKey(), random));
        }
        if (storage.compressed()) {
            out = new FastGzipOutputStream(out);
        }
        return out;
    }

    /**
     * Stored bytes in, plain bytes out. Tampering, truncation or a wrong key fail the read with a
     * {@link SnapshotIntegrityException} saying why; the end of the stream comes only after
     * everything was checked.
     */
    public InputStream decoder(InputStream stored, SnapshotStorage storage) throws IOException {
        return decoder(stored, storage, null);
    }

    /** {@link #decoder} over a stored file; every error names the file. */
    public InputStream open(Path storedFile, SnapshotStorage storage) throws IOException {
        InputStream in = Files.newInputStream(storedFile);
        try {
            return decoder(in, storage, storedFile);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private InputStream decoder(InputStream stored, SnapshotStorage storage, Path file) throws IOException {
        InputStream in = stored;
        if (storage.encrypted()) {
            in = new DecryptingInputStream(in, file, requireKey(storage, file).secretKey());
        }
        if (storage.compressed()) {
            in = GunzipInputStream.over(in, file);
        }
        return in;
    }

    private SnapshotKey requireKey(SnapshotStorage storage, Path file) throws SnapshotIntegrityException {
        if (key.isEmpty()) {
            throw new SnapshotIntegrityException(file, "encrypted (aes-256-gcm) with the key of fingerprint "
                    + storage.keyFingerprint() + ", but no key is configured: set JSONMIG_SNAPSHOT_KEY "
                    + "(jsonmig.snapshot.encryption-key) to the key backup-service used");
        }
        SnapshotKey configured = key.get();
        if (!configured.fingerprint().equals(storage.keyFingerprint())) {
            throw new SnapshotIntegrityException(file, "encrypted with the key of fingerprint "
                    + storage.keyFingerprint() + ", but the configured key (JSONMIG_SNAPSHOT_KEY) has fingerprint "
                    + configured.fingerprint() + ": configure the key backup-service used");
        }
        return configured;
    }

    /** gzip at the fastest level: snapshots are written once per run and must keep up with the disk. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, GZIP_BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
