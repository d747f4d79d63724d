package io.jsonmig.backup.preflight;

import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.util.HexFormat;

/**
 * Hashes and counts the bytes read through it, so the parser's pass over a file also hashes it. Ends
 * after the size the file had when the read began: a file the application keeps appending to must not
 * keep the reader going forever (the growth is caught by comparing sizes afterwards).
 */
final class HashingInputStream extends DigestInputStream {

    private final long limit;
    private long bytes;

    HashingInputStream(InputStream in, long limit) {
        super(in, FileHashes.sha256());
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

    long bytes() {
        return bytes;
    }

    String sha256() {
        return HexFormat.of().formatHex(getMessageDigest().digest());
    }
}
