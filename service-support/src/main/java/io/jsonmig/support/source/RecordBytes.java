package io.jsonmig.support.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes a parser reads from one source file, kept from a point its reader moves forward, so that
 * a record read token by token can still be had whole afterwards (its tree, its raw JSON) without a
 * second read of the file. Offsets are the parser's ({@code JsonLocation.getByteOffset()}).
 */
public final class RecordBytes extends FilterInputStream {

    private static final int INITIAL_CAPACITY = 256 * 1024;

    private byte[] kept = new byte[INITIAL_CAPACITY];
    /** The offset of {@code kept[0]}. */
    private long keptStart;
    private int keptLength;
    /** Bytes before this offset are no longer wanted. */
    private long keepFrom;

    RecordBytes(InputStream in) {
        super(in);
    }

    /** The bytes before {@code offset} may go: nothing before it will be asked for. */
    public void keepFrom(long offset) {
        keepFrom = Math.max(keepFrom, offset);
    }

    /** The record between two offsets (its {@code {} and the offset after its {@code }}), parsed again. */
    public ObjectNode record(long from, long to) throws IOException {
        checkKept(from, to);
        return JsonRecords.tree(kept, (int) (from - keptStart), (int) (to - from));
    }

    /** A copy of the bytes between two offsets. */
    public byte[] copy(long from, long to) {
        checkKept(from, to);
        return Arrays.copyOfRange(kept, (int) (from - keptStart), (int) (to - keptStart));
    }

    private void checkKept(long from, long to) {
        if (from < keptStart || to > keptStart + keptLength || from > to) {
            throw new IllegalStateException("bytes " + from + ".." + to + " are not kept (kept: " + keptStart + ".."
                    + (keptStart + keptLength) + ")");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            keep(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void keep(byte[] buffer, int offset, int n) {
        if (keptLength + n > kept.length) {
            dropUnwanted();
        }
        long end = keptStart + keptLength;
        if (keptLength == 0 && keepFrom > end) {
            // nothing kept, and the new bytes start before what is wanted
            int skip = (int) Math.min(n, keepFrom - end);
            keptStart = end + skip;
            offset += skip;
            n -= skip;
        }
        if (keptLength + n > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
        }
        System.arraycopy(buffer, offset, kept, keptLength, n);
        keptLength += n;
    }

    private void dropUnwanted() {
        int drop = (int) Math.min(Math.max(0, keepFrom - keptStart), keptLength);
        if (drop > 0) {
            System.arraycopy(kept, drop, kept, 0, keptLength - drop);
            keptLength -= drop;
            keptStart += drop;
        }
        if (keptLength < INITIAL_CAPACITY && kept.length > 4 * INITIAL_CAPACITY) {
            // a large record is gone: give its room back
            kept = Arrays.copyOf(kept, INITIAL_CAPACITY);
        }
    }
}
