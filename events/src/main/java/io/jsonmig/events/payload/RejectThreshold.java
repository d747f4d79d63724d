package io.jsonmig.events.payload;

/**
 * How many rejected records a run tolerates before its migration phase fails. A record is rejected
 * when the target cannot take it (a value its column refuses, a missing required value, a duplicate
 * key, an orphan foreign key); it is quarantined, never lost. Either limit may be absent; with both
 * absent ({@link #NONE}), any reject fails the phase.
 *
 * @param maxCount at most this many rejected records in the run
 * @param maxRatio at most this share (0 to 1) of the run's records rejected
 */
public record RejectThreshold(Long maxCount, Double maxRatio) {

    /** No reject tolerated: the default when the start event names no threshold. */
    public static final RejectThreshold NONE = new RejectThreshold(0L, null);

    public RejectThreshold {
        if (maxCount != null && maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be 0 or more, got " + maxCount);
        }
        if (maxRatio != null && !(maxRatio >= 0 && maxRatio <= 1)) {
            throw new IllegalArgumentException("maxRatio must lie between 0 and 1, got " + maxRatio);
        }
    }

    /** Whether {@code rejected} of {@code records} is more than this threshold allows. */
    public boolean exceededBy(long rejected, long records) {
        if (rejected == 0) {
            return false;
        }
        if (maxCount == null && maxRatio == null) {
            return true;
        }
        boolean count = maxCount != null && rejected > maxCount;
        boolean ratio = maxRatio != null && records > 0 && (double) rejected / records > maxRatio;
        return count || ratio;
    }

    /** {@code at most 5 rejects and at most 1% of the records}, for messages. */
    public String describe() {
        if (maxCount == null && maxRatio == null) {
            return "no reject allowed";
        }
        String count = maxCount == null ? null : "at most " + maxCount + " reject(s)";
        String ratio = maxRatio == null ? null : "at most " + (maxRatio * 100) + "% of the records";
        return count == null ? ratio : ratio == null ? count : count + " and " + ratio;
    }
}
