package io.jsonmig.support.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Writes plain bytes as {@link SegmentedAesGcm} segments; {@link #close()} seals the last segment. */
final class EncryptingOutputStream extends OutputStream {

    private final OutputStream stored;
    private final SegmentedAesGcm format;
    private final byte[] plain = new byte[SegmentedAesGcm.SEGMENT_BYTES];
    private final byte[] sealed = new byte[SegmentedAesGcm.SEGMENT_BYTES + SegmentedAesGcm.TAG_BYTES];
    private int buffered;
    private long segment;
    private boolean closed;

    EncryptingOutputStream(OutputStream stored, SegmentedAesGcm format) throws IOException {
        this.stored = stored;
        this.format = format;
        stored.write(format.header());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        while (length > 0) {
            // a full segment is sealed only once more data arrives: the last one is sealed by close()
            if (buffered == plain.length) {
                sealSegment(false);
            }
            int n = Math.min(length, plain.length - buffered);
            System.arraycopy(bytes, offset, plain, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        stored.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream out = stored) {
            sealSegment(true);
            out.flush();
        }
    }

    private void sealSegment(boolean last) throws IOException {
        int length = format.seal(segment++, last, plain, buffered, sealed);
        stored.write(sealed, 0, length);
        buffered = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
