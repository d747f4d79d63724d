package io.jsonmig.verification.rows;

import java.util.Comparator;

/**
 * One row, reduced to what the merge needs: its key (the canonical key values, joined), a 128-bit
 * hash of its canonical values and, for a snapshot record, its position in the collection.
 *
 * @param position the record's 0-based position; -1 for a table row
 */
public record KeyedHash(String key, long hashHigh, long hashLow, long position) {

    /**
     * Any total order does: both sides are sorted by it in Java, never by the database's collation. Keys
     * are ordered by length first, then by their text ({@link #compareKeys}), so canonical integer keys of
     * one sign sort in numeric order: records and rows that arrive in id order arrive sorted.
     */
    public static final Comparator<KeyedHash> ORDER = (a, b) -> {
        int byKey = compareKeys(a.key, b.key);
        return byKey != 0 ? byKey : Long.compare(a.position, b.position);
    };

    /** The order of keys: shorter first, then by text; zero only for equal keys. */
    public static int compareKeys(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    public boolean sameValues(KeyedHash other) {
        return hashHigh == other.hashHigh && hashLow == other.hashLow;
    }
}
