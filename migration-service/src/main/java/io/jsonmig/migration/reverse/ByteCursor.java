package io.jsonmig.migration.reverse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads a decoded source file front to back by offsets: copies a stretch through, or takes it in hand. */
final class ByteCursor {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private long offset;

    ByteCursor(InputStream in) {
        this.in = in;
    }

    long offset() {
        return offset;
    }

    /** Copies the bytes up to {@code end} to {@code out}. */
    void copyTo(long end, OutputStream out) throws IOException {
        while (offset < end) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, end - offset));
            if (n < 0) {
                throw new EOFException("the file ends at byte " + offset + ", before byte " + end);
            }
            out.write(buffer, 0, n);
            offset += n;
        }
    }

    /** Copies everything left. */
    void copyRest(OutputStream out) throws IOException {
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            offset += n;
        }
    }

    /** The bytes up to {@code end}. */
    byte[] take(long end) throws IOException {
        byte[] bytes = in.readNBytes((int) (end - offset));
        if (bytes.length != end - offset) {
            throw new EOFException("the file ends at byte " + (offset + bytes.length) + ", before byte " + end);
        }
        offset = end;
        return bytes;
    }
}
