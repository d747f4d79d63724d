package io.jsonmig.migration.reverse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one collection's records back between its array's brackets (or as NDJSON lines) with the
 * bytes between them as the file had them: the whitespace before the first record, each record's own
 * separator, the whitespace before the closing bracket. A left-out record takes its separator with it;
 * an added one gets the collection's last separator. Nothing deleted, nothing added: the same bytes.
 */
final class Splice {

    private final OutputStream out;
    private final boolean ndjson;
    private byte[] prefix;
    private byte[] pending;
    private byte[] lastSeparator;
    private byte[] inner;
    private byte[] lastRecord;
    private byte[] lastRecordBefore;
    private long emitted;
    private boolean hadRecords;

    Splice(OutputStream out, boolean ndjson) {
        this.out = out;
        this.ndjson = ndjson;
    }

    /** The collection holds no record: the bytes between its brackets. */
    void empty(byte[] between) {
        inner = between;
    }

    /** The bytes before the next record of the source. */
    void separator(byte[] before, boolean first) {
        hadRecords = true;
        if (first) {
            prefix = before;
        } else {
            lastSeparator = before;
        }
        pending = before;
    }

    /** The bytes before the record being written, for the indentation of its line. */
    byte[] lastSeparator() {
        return pending;
    }

    /** How many records have been written: the position of the next one. */
    long emitted() {
        return emitted;
    }

    void emit(byte[] record) throws IOException {
        out.write(emitted == 0 ? prefix : pending);
        out.write(record);
        lastRecord = record;
        lastRecordBefore = emitted == 0 ? prefix : pending;
        emitted++;
    }

    /** The style of the collection's records, read off the last one written. */
    JsonStyle lastStyle() {
        return JsonStyle.of(lastRecord == null ? new byte[] {'{', '}'} : lastRecord,
                lastRecordBefore == null ? (prefix == null ? new byte[0] : prefix) : lastRecordBefore);
    }

    /** A record the application inserted, after the collection's others. */
    void insert(byte[] record, int depth) throws IOException {
        byte[] separator;
        if (emitted > 0) {
            separator = lastSeparator != null ? lastSeparator : ndjson ? "\n".getBytes(StandardCharsets.UTF_8)
                    : concat(",", prefix);
        } else if (hadRecords) {
            separator = prefix;
        } else {
            separator = ndjson ? new byte[0] : ("\n" + "  ".repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        out.write(separator);
        out.write(record);
        emitted++;
    }

    /** @param after the bytes from the last record to the closing bracket (the file's end for NDJSON) */
    void finish(byte[] after, int depth) throws IOException {
        if (emitted == 0) {
            if (!hadRecords && inner != null) {
                out.write(inner);
            }
            return; // every record deleted: an empty array, as JSON.stringify writes it
        }
        if (hadRecords) {
            out.write(after);
        } else {
            out.write((ndjson ? "\n" : "\n" + "  ".repeat(Math.max(0, depth - 1))).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] concat(String text, byte[] bytes) {
        byte[] head = text.getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(bytes, 0, joined, head.length, bytes.length);
        return joined;
    }
}
