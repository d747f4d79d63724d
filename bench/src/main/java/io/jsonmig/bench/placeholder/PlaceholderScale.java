package io.jsonmig.bench.placeholder;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many records each collection gets: JSONPlaceholder's proportions times a factor, at least one
 * record per collection.
 */
public record PlaceholderScale(double factor) {

    public PlaceholderScale {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("the scale factor must be positive, was " + factor);
        }
    }

    /** About {@code records} records in all (exactly, up to rounding per collection). */
    public static PlaceholderScale ofRecords(long records) {
        if (records < PlaceholderCollection.values().length) {
            throw new IllegalArgumentException("at least " + PlaceholderCollection.values().length
                    + " records are needed (one per collection), asked for " + records);
        }
        return new PlaceholderScale(records / (double) PlaceholderCollection.RECORDS_PER_UNIT);
    }

    public long count(PlaceholderCollection collection) {
        return Math.max(1, Math.round(collection.perUnit() * factor));
    }

    public long total() {
        long total = 0;
        for (PlaceholderCollection c : PlaceholderCollection.values()) {
            total += count(c);
        }
        return total;
    }

    public Map<PlaceholderCollection, Long> counts() {
        Map<PlaceholderCollection, Long> counts = new EnumMap<>(PlaceholderCollection.class);
        for (PlaceholderCollection c : PlaceholderCollection.values()) {
            counts.put(c, count(c));
        }
        return counts;
    }
}
