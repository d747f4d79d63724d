package io.jsonmig.verification.rows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The canonical hash of a row: SHA-256 over its canonical column values in a fixed column order, each
 * length-prefixed (NULL distinct from any text), cut to 128 bits. The key joins the canonical key values
 * with U+0000, which no stored value holds.
 */
public final class RowHasher {

    private static final char SEPARATOR = '\u0000';
    private static final String NULL_KEY = "\u0001NULL";

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final MessageDigest digest;
    /** The row's bytes as they are hashed, reused from row to row. */
    private byte[] buffer = new byte[1024];

    public RowHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyedHash hash(String key, List<String> values, long position) {
        int at = 0;
        for (String value : values) {
            if (value == null) {
                at = room(at, 1);
                buffer[at++] = 0;
                continue;
            }
            int chars = value.length();
            at = room(at, 5 + chars);
            int lengthAt = at;
            at += 5;
            int i = 0;
            while (i < chars) { // ASCII straight into the buffer, the rest through the encoder
                char c = value.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buffer[at++] = (byte) c;
                i++;
            }
            if (i < chars) {
                byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
                at = room(at, rest.length);
                System.arraycopy(rest, 0, buffer, at, rest.length);
                at += rest.length;
            }
            int length = at - lengthAt - 5;
            buffer[lengthAt] = 1;
            buffer[lengthAt + 1] = (byte) (length >>> 24);
            buffer[lengthAt + 2] = (byte) (length >>> 16);
            buffer[lengthAt + 3] = (byte) (length >>> 8);
            buffer[lengthAt + 4] = (byte) length;
        }
        digest.update(buffer, 0, at);
        byte[] hash = digest.digest();
        return new KeyedHash(key, (long) LONG.get(hash, 0), (long) LONG.get(hash, 8), position);
    }

    /** Makes room for {@code more} bytes after {@code at}; returns {@code at}. */
    private int room(int at, int more) {
        if (at + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + more));
        }
        return at;
    }

    public static String key(List<String> keyValues) {
        if (keyValues.size() == 1) {
            return keyValues.get(0) == null ? NULL_KEY : keyValues.get(0);
        }
        StringBuilder key = new StringBuilder();
        for (String value : keyValues) {
            if (!key.isEmpty()) {
                key.append(SEPARATOR);
            }
            key.append(value == null ? NULL_KEY : value);
        }
        return key.toString();
    }

    /** The key as people read it: {@code 42}, or {@code (7, a)} for a composite key. */
    public static String display(String key) {
        String shown = key.replace(NULL_KEY, "NULL");
        return shown.indexOf(SEPARATOR) < 0 ? shown : "(" + shown.replace(String.valueOf(SEPARATOR), ", ") + ")";
    }
}
