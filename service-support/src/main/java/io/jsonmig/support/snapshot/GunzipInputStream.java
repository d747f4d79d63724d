package io.jsonmig.support.snapshot;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Gunzips stored bytes; a stream that is not gzip, corrupt or cut short fails as a {@link SnapshotIntegrityException}. */
final class GunzipInputStream extends FilterInputStream {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;

    private GunzipInputStream(GZIPInputStream in, Path file) {
        super(in);
        this.file = file;
    }

    static InputStream over(InputStream compressed, Path file) throws IOException {
        try {
            return new GunzipInputStream(new GZIPInputStream(compressed, BUFFER_BYTES), file);
        } catch (ZipException | EOFException e) {
            throw integrity(file, e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ZipException | EOFException e) {
            throw integrity(file, e);
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        try {
            return super.read(bytes, offset, length);
        } catch (ZipException | EOFException e) {
            throw integrity(file, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (ZipException | EOFException e) {
            throw integrity(file, e);
        }
    }

    private static SnapshotIntegrityException integrity(Path file, IOException e) {
        String reason = e instanceof EOFException
                ? "truncated: the gzip data ends early (" + e.getMessage() + ")"
                : "corrupt gzip data: " + e.getMessage();
        return new SnapshotIntegrityException(file, reason, e);
    }
}
