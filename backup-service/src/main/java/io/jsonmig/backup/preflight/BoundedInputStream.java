package io.jsonmig.backup.preflight;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and ends after the size the file had when the read began: a file
 * the application keeps appending to must not keep the reader going forever (the growth is caught by
 * comparing sizes afterwards).
 */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long bytes;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        if (bytes >= limit) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (bytes >= limit) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, limit - bytes));
        if (n > 0) {
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - bytes));
        bytes += skipped;
        return skipped;
    }

    long bytes() {
        return bytes;
    }
}
