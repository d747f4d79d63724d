package io.jsonmig.support.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

import javax.crypto.SecretKey;

/**
 * Reads {@link SegmentedAesGcm} segments and hands out their plain bytes. No byte of a segment is
 * handed out before the segment is authenticated, and the end of the stream is reported only after
 * the segment flagged last: a truncated, extended, reordered or modified file fails with a
 * {@link SnapshotIntegrityException}.
 */
final class DecryptingInputStream extends InputStream {

    private static final int SEALED_BYTES = SegmentedAesGcm.SEGMENT_BYTES + SegmentedAesGcm.TAG_BYTES;

    private final InputStream stored;
    private final Path file;
    private final SegmentedAesGcm format;
    private final byte[] sealed = new byte[SEALED_BYTES];
    private final byte[] plain = new byte[SegmentedAesGcm.SEGMENT_BYTES];
    private int position;
    private int limit;
    private long segment;
    private boolean lastRead;
    /** The first byte of the next segment, read to learn whether the current one is the last; -1 if none. */
    private int lookahead = -1;

    DecryptingInputStream(InputStream stored, Path file, SecretKey key) throws IOException {
        this.stored = stored;
        this.file = file;
        byte[] header = new byte[SegmentedAesGcm.HEADER_BYTES];
        int read = stored.readNBytes(header, 0, header.length);
        try {
            this.format = SegmentedAesGcm.forHeader(header, read, key);
        } catch (SegmentedAesGcm.InvalidFormat e) {
            throw new SnapshotIntegrityException(file, e.getMessage());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (lastRead) {
                return -1;
            }
            openNextSegment();
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(plain, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        stored.close();
    }

    private void openNextSegment() throws IOException {
        int length = 0;
        if (lookahead >= 0) {
            sealed[length++] = (byte) lookahead;
            lookahead = -1;
        }
        length += stored.readNBytes(sealed, length, SEALED_BYTES - length);
        boolean last = length < SEALED_BYTES;
        if (!last) {
            lookahead = stored.read();
            last = lookahead == -1;
        }
        try {
            limit = format.open(segment++, last, sealed, length, plain);
        } catch (SegmentedAesGcm.InvalidFormat e) {
            throw new SnapshotIntegrityException(file, e.getMessage());
        }
        position = 0;
        lastRead = last;
    }
}
