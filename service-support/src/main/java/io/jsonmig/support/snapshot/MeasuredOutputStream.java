package io.jsonmig.support.snapshot;

import io.jsonmig.support.source.FileHashes;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and hashes the bytes that reach the stream below: the stored bytes of a snapshot file. */
public final class MeasuredOutputStream extends FilterOutputStream {

    private final MessageDigest digest = FileHashes.sha256();
    private long bytes;

    public MeasuredOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        bytes += len;
    }

    public long bytes() {
        return bytes;
    }

    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
