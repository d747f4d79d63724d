package io.jsonmig.verification.rows;

import java.util.Comparator;

/**
 * One row, reduced to what the merge needs: its key (the canonical key values, joined), a 128-bit
 * hash of its canonical values and, for a snapshot record, its position in the collection.
 *
 * @param position the record's 0-based position; -1 for a table row
 */
public record KeyedHash(String key, long hashHigh, long hashLow, long position) {

    /** Any total order does: both sides are sorted by it in Java, never by the database's collation. */
    public static final Comparator<KeyedHash> ORDER = Comparator.comparing(KeyedHash::key)
            .thenComparingLong(KeyedHash::position);

    public boolean sameValues(KeyedHash other) {
        return hashHigh == other.hashHigh && hashLow == other.hashLow;
    }
}
