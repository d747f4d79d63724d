package io.jsonmig.verification.rows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Merges the snapshot's sorted row hashes with the table's by key: equal keys with equal hashes match;
 * the rest are missing, extra, different or duplicated keys. Every one is counted; the first
 * {@code keep} of each kind are kept to be shown.
 */
public final class RowMerge {

    private final int keep;
    private long matched;
    private long missing;
    private long extra;
    private long different;
    private long duplicates;
    private long duplicatesInTable;
    private long accountedFor;
    private final List<KeyedHash[]> differentSamples = new ArrayList<>();
    private final List<RowDifference> others = new ArrayList<>();
    private final List<KeyedHash> missingSamples = new ArrayList<>();

    public RowMerge(int keep) {
        this.keep = keep;
    }

    public void merge(Iterator<KeyedHash> expected, Iterator<KeyedHash> actual, KeyDisplay display) {
        merge(expected, actual, display, position -> false);
    }

    /** @param accounted whether a record's row that the table lacks is accounted for (its record was rejected) */
    public void merge(Iterator<KeyedHash> expected, Iterator<KeyedHash> actual, KeyDisplay display,
                      java.util.function.LongPredicate accounted) {
        Peeking e = new Peeking(expected);
        Peeking a = new Peeking(actual);
        while (e.peek() != null || a.peek() != null) {
            KeyedHash x = e.peek();
            KeyedHash y = a.peek();
            int order = x == null ? 1 : y == null ? -1 : KeyedHash.compareKeys(x.key(), y.key());
            if (order < 0) {
                e.next();
                if (accounted.test(x.position())) {
                    accountedFor++;
                    skipDuplicates(e, x, RowDifference.Kind.DUPLICATE_IN_SNAPSHOT, display);
                    continue;
                }
                missing++;
                if (missingSamples.size() < keep) {
                    missingSamples.add(x);
                }
                skipDuplicates(e, x, RowDifference.Kind.DUPLICATE_IN_SNAPSHOT, display);
            } else if (order > 0) {
                a.next();
                extra++;
                keepOther(new RowDifference(RowDifference.Kind.EXTRA, display.of(y.key()), null, null),
                        RowDifference.Kind.EXTRA);
                skipDuplicates(a, y, RowDifference.Kind.DUPLICATE_IN_TABLE, display);
            } else {
                e.next();
                a.next();
                if (x.sameValues(y)) {
                    matched++;
                } else {
                    different++;
                    if (differentSamples.size() < keep) {
                        differentSamples.add(new KeyedHash[] {x, y});
                    }
                }
                skipDuplicates(e, x, RowDifference.Kind.DUPLICATE_IN_SNAPSHOT, display);
                skipDuplicates(a, y, RowDifference.Kind.DUPLICATE_IN_TABLE, display);
            }
        }
    }

    private void skipDuplicates(Peeking side, KeyedHash first, RowDifference.Kind kind, KeyDisplay display) {
        boolean reported = false;
        while (side.peek() != null && side.peek().key().equals(first.key())) {
            KeyedHash again = side.next();
            if (!reported) {
                duplicates++;
                if (kind == RowDifference.Kind.DUPLICATE_IN_TABLE) {
                    duplicatesInTable++;
                }
                keepOther(new RowDifference(kind, display.of(first.key()),
                        again.position() < 0 ? null : again.position(), null), kind);
                reported = true;
            }
        }
    }

    private void keepOther(RowDifference difference, RowDifference.Kind kind) {
        if (others.stream().filter(d -> d.kind() == kind).count() < keep) {
            others.add(difference);
        }
    }

    public long matched() {
        return matched;
    }

    /** Rows the table lacks whose records were rejected. */
    public long accountedFor() {
        return accountedFor;
    }

    public long missing() {
        return missing;
    }

    public long extra() {
        return extra;
    }

    public long different() {
        return different;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Keys the table holds more than once. */
    public long duplicatesInTable() {
        return duplicatesInTable;
    }

    /** The first differing rows: the snapshot's entry and the table's. */
    public List<KeyedHash[]> differentSamples() {
        return differentSamples;
    }

    public List<KeyedHash> missingSamples() {
        return missingSamples;
    }

    /** The first extra rows and duplicated keys. */
    public List<RowDifference> others() {
        return others;
    }

    /** Shows a joined key with its column names. */
    @FunctionalInterface
    public interface KeyDisplay {
        String of(String key);
    }

    private static final class Peeking {
        private final Iterator<KeyedHash> source;
        private KeyedHash head;

        Peeking(Iterator<KeyedHash> source) {
            this.source = source;
            this.head = source.hasNext() ? source.next() : null;
        }

        KeyedHash peek() {
            return head;
        }

        KeyedHash next() {
            KeyedHash current = head;
            head = source.hasNext() ? source.next() : null;
            return current;
        }
    }
}
