package io.jsonmig.verification.rows;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts row hashes in bounded memory: up to {@code bufferRecords} are sorted in memory; beyond that,
 * sorted runs are spilled to temporary files (0600, deleted on close) and merged, at most
 * {@link #MAX_FAN_IN} at a time (more runs are first merged into longer ones), so memory stays about
 * {@code bufferRecords} entries and open files few, whatever the table's size.
 */
public final class HashSorter implements AutoCloseable {

    static final int MAX_FAN_IN = 64;

    private final int bufferRecords;
    private final Path tempDir;
    private final List<KeyedHash> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private int spilled;
    /** The last run's file while it is written, and its last entry. */
    private DataOutputStream tail;
    private KeyedHash tailLast;
    private final List<DataInputStream> open = new ArrayList<>();
    private long size;

    public HashSorter(int bufferRecords, Path tempDir) {
        this.bufferRecords = Math.max(1, bufferRecords);
        this.tempDir = tempDir;
    }

    public void add(KeyedHash entry) {
        buffer.add(entry);
        size++;
        if (buffer.size() >= bufferRecords) {
            spill();
        }
    }

    public long size() {
        return size;
    }

    /** How many times the buffer's sorted entries went to disk (a run that continues the last is appended to its file). */
    public int spilledRuns() {
        return spilled;
    }

    /** Every entry in {@link KeyedHash#ORDER}; call once, after the last {@link #add}. */
    public Iterator<KeyedHash> sorted() {
        buffer.sort(KeyedHash.ORDER);
        // one run, and what is left in memory continues it: the run read straight through, then the rest
        boolean continued = runs.size() == 1 && tailLast != null
                && (buffer.isEmpty() || KeyedHash.ORDER.compare(buffer.get(0), tailLast) >= 0);
        try {
            closeTail();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill sorted row hashes to " + tempDir, e);
        }
        if (runs.isEmpty()) {
            return buffer.iterator();
        }
        if (continued) {
            Iterator<KeyedHash> run = read(runs.get(0));
            Iterator<KeyedHash> rest = buffer.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return run.hasNext() || rest.hasNext();
                }

                @Override
                public KeyedHash next() {
                    return run.hasNext() ? run.next() : rest.next();
                }
            };
        }
        while (runs.size() >= MAX_FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, MAX_FAN_IN));
            runs.subList(0, MAX_FAN_IN).clear();
            List<Iterator<KeyedHash>> sources = new ArrayList<>();
            group.forEach(run -> sources.add(read(run)));
            Path merged = write(merge(sources));
            closeOpen();
            group.forEach(HashSorter::delete);
            runs.add(merged);
        }
        List<Iterator<KeyedHash>> sources = new ArrayList<>();
        sources.add(buffer.iterator());
        for (Path run : runs) {
            sources.add(read(run));
        }
        return merge(sources);
    }

    /**
     * Writes the sorted buffer out. A buffer that continues the last run (its first entry not before
     * the run's last, as when rows arrive in key order) is appended to that run's file, so input that
     * arrives sorted makes one run however long it is, and its merge reads one file.
     */
    private void spill() {
        buffer.sort(KeyedHash.ORDER);
        try {
            if (tail == null || KeyedHash.ORDER.compare(buffer.get(0), tailLast) < 0) {
                closeTail();
                Path run = Files.createTempFile(tempDir, "jsonmig-verify-", ".run");
                written.add(run);
                runs.add(run);
                tail = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16));
            }
            writeEntries(tail, buffer.iterator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill sorted row hashes to " + tempDir, e);
        }
        tailLast = buffer.get(buffer.size() - 1);
        spilled++;
        buffer.clear();
    }

    private void closeTail() throws IOException {
        if (tail != null) {
            DataOutputStream out = tail;
            tail = null;
            tailLast = null;
            out.close();
        }
    }

    private Path write(Iterator<KeyedHash> entries) {
        try {
            Path run = Files.createTempFile(tempDir, "jsonmig-verify-", ".run");
            written.add(run);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run),
                    1 << 16))) {
                writeEntries(out, entries);
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill sorted row hashes to " + tempDir, e);
        }
    }

    private static void writeEntries(DataOutputStream out, Iterator<KeyedHash> entries) throws IOException {
        while (entries.hasNext()) {
            KeyedHash entry = entries.next();
            byte[] key = entry.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(key.length);
            out.write(key);
            out.writeLong(entry.hashHigh());
            out.writeLong(entry.hashLow());
            out.writeLong(entry.position());
        }
    }

    private Iterator<KeyedHash> read(Path run) {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open.add(in);
        return new Iterator<>() {
            private KeyedHash next = readOne();

            private KeyedHash readOne() {
                try {
                    int length = in.readInt();
                    byte[] key = in.readNBytes(length);
                    return new KeyedHash(new String(key, java.nio.charset.StandardCharsets.UTF_8), in.readLong(),
                            in.readLong(), in.readLong());
                } catch (EOFException end) {
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyedHash next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyedHash current = next;
                next = readOne();
                return current;
            }
        };
    }

    private static Iterator<KeyedHash> merge(List<Iterator<KeyedHash>> sources) {
        record Head(KeyedHash entry, Iterator<KeyedHash> source) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> KeyedHash.ORDER.compare(a.entry(), b.entry()));
        for (Iterator<KeyedHash> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public KeyedHash next() {
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.source().hasNext()) {
                    heads.add(new Head(head.source().next(), head.source()));
                }
                return head.entry();
            }
        };
    }

    private void closeOpen() {
        for (DataInputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // deleting it next
            }
        }
        open.clear();
    }

    private static void delete(Path run) {
        try {
            Files.deleteIfExists(run);
        } catch (IOException ignored) {
            // a temporary file: the system cleans it up
        }
    }

    @Override
    public void close() {
        try {
            closeTail();
        } catch (IOException ignored) {
            // deleting it next
        }
        closeOpen();
        written.forEach(HashSorter::delete);
    }
}
