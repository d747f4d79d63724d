package io.jsonmig.cli.watch;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;

import java.time.Duration;
import java.time.Instant;

/**
 * How far one collection or table of a phase is, as its progress bar shows it.
 *
 * @param total      {@code -1} when unknown
 * @param rate       items per second: the event's own, otherwise worked out from the first and the latest
 *                   progress seen of the item; {@code null} before there is one
 * @param etaSeconds time left at that rate; {@code null} when the total or the rate is unknown
 * @param bytes      whether done and total count bytes (backup-service's {@code bytes} item), not records
 */
record ItemProgress(String item, long done, long total, Double rate, Long etaSeconds, boolean bytes) {

    /** The item of backup-service's copy progress, whose numbers are bytes. */
    static final String BYTES_ITEM = "bytes";

    /** The first progress seen of an item in the run's current attempt. */
    record Sample(long done, Instant at) {
    }

    /**
     * @param latestAt when the latest progress occurred; {@code null} when unknown
     * @param first    the first progress seen of the item; {@code null} when unknown
     */
    static ItemProgress of(Progress latest, Instant latestAt, Sample first) {
        Double rate = latest.rate();
        if (rate == null && first != null && latestAt != null && latestAt.isAfter(first.at())
                && latest.done() > first.done()) {
            double seconds = Duration.between(first.at(), latestAt).toMillis() / 1000.0;
            rate = (latest.done() - first.done()) / seconds;
        }
        Long eta = latest.etaSeconds();
        if (eta == null && rate != null && rate > 0 && latest.total() >= latest.done()) {
            eta = (long) Math.ceil((latest.total() - latest.done()) / rate);
        }
        boolean bytes = latest.phase() == Phase.BACKUP && BYTES_ITEM.equals(latest.item());
        return new ItemProgress(latest.item(), latest.done(), latest.total(), rate, eta, bytes);
    }

    boolean totalKnown() {
        return total >= 0;
    }

    boolean finished() {
        return totalKnown() && done >= total;
    }

    /** 0 to 1; not a number when the total is unknown. */
    double fraction() {
        if (!totalKnown()) {
            return Double.NaN;
        }
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }
}
