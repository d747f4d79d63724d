package io.jsonmig.migration.load;

import org.postgresql.copy.CopyIn;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code COPY ... (FORMAT csv)} input, encoded as UTF-8 straight into one reusable byte array and sent
 * from it. A text value is always quoted (its quotes doubled), so an empty string stays an empty
 * string, line breaks stay inside the value and a lone {@code \.} cannot end the data; SQL NULL is
 * the empty, unquoted field; a number needs no quotes.
 */
public final class CopyBuffer {

    private byte[] bytes;
    private int length;

    public CopyBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Forgets everything after {@code mark} (a length this buffer had). */
    public void truncate(int mark) {
        length = mark;
    }

    public void clear() {
        length = 0;
    }

    /** One line of values, {@code null} for SQL NULL. */
    public void appendRow(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                appendAscii(',');
            }
            String value = values.get(i);
            if (value != null) {
                appendQuoted(value);
            }
        }
        appendAscii('\n');
    }

    public void appendAscii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
    }

    /** Characters known to be ASCII and to need no quotes, such as a number's digits. */
    public void appendAscii(char[] chars, int offset, int count) {
        ensure(count);
        for (int i = 0; i < count; i++) {
            bytes[length++] = (byte) chars[offset + i];
        }
    }

    public void appendQuoted(String value) {
        appendQuoted(value.toCharArray(), 0, value.length());
    }

    /**
     * The characters quoted, as UTF-8.
     *
     * @return false, with nothing appended, when they hold U+0000 or a lone surrogate: PostgreSQL
     *         cannot store the one, and UTF-8 cannot carry the other
     */
    public boolean tryAppendQuoted(char[] chars, int offset, int count) {
        int mark = length;
        // at most 3 bytes a character: a doubled quote takes 2, a surrogate pair 4 for its 2
        ensure(count * 3 + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (c == 0) {
                    length = mark;
                    return false;
                }
                if (c == '"') {
                    out[at++] = '"';
                }
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == end || !Character.isLowSurrogate(chars[i + 1])) {
                    length = mark;
                    return false;
                }
                int codePoint = Character.toCodePoint(c, chars[++i]);
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[at++] = '"';
        length = at;
        return true;
    }

    /** The characters quoted, as UTF-8; a lone surrogate becomes {@code ?}, as Java's own encoder writes it. */
    public void appendQuoted(char[] chars, int offset, int count) {
        if (!tryAppendQuoted(chars, offset, count)) {
            appendQuotedSlowly(new String(chars, offset, count));
        }
    }

    private void appendQuotedSlowly(String value) {
        byte[] utf8 = value.replace("\"", "\"\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        bytes[length++] = '"';
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        bytes[length++] = '"';
    }

    /** Bytes another buffer holds, from {@code from} to its end. */
    public void append(CopyBuffer other, int from, int to) {
        ensure(to - from);
        System.arraycopy(other.bytes, from, bytes, length, to - from);
        length += to - from;
    }

    /** A copy of what is buffered. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Sends what is buffered and empties the buffer. */
    public void sendTo(CopyIn copy) throws SQLException {
        if (length > 0) {
            copy.writeToCopy(bytes, 0, length);
            length = 0;
        }
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
