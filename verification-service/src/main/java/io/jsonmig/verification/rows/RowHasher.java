package io.jsonmig.verification.rows;

import java.nio.ByteBuffer;
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

    private final MessageDigest digest;

    public RowHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyedHash hash(String key, List<String> values, long position) {
        digest.reset();
        byte[] length = new byte[5];
        for (String value : values) {
            if (value == null) {
                digest.update((byte) 0);
                continue;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            ByteBuffer.wrap(length).put((byte) 1).putInt(bytes.length);
            digest.update(length);
            digest.update(bytes);
        }
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new KeyedHash(key, hash.getLong(), hash.getLong(), position);
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
