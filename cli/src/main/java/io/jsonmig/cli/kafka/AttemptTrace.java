package io.jsonmig.cli.kafka;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The trace of a run attempt, begun by the event that begins the attempt ({@code migration.requested},
 * {@code retry.requested}): a W3C traceparent with new random ids, sampled, sent in the record's headers.
 * Every service continues it, so the whole attempt is one trace. The CLI records no span of its own: the
 * trace's root is the id the first service's span names as its parent.
 */
public final class AttemptTrace {

    public static final String HEADER = "traceparent";
    private static final Set<EventType> BEGIN_AN_ATTEMPT = Set.of(EventType.MIGRATION_REQUESTED,
            EventType.RETRY_REQUESTED);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private AttemptTrace() {
    }

    /** A new traceparent for an event that begins an attempt; empty for any other. */
    public static Optional<String> begunBy(EventEnvelope event) {
        return BEGIN_AN_ATTEMPT.contains(event.type()) ? Optional.of(newTraceparent()) : Optional.empty();
    }

    static String newTraceparent() {
        return "00-" + nonZeroHex(16) + "-" + nonZeroHex(8) + "-01";
    }

    /** The trace id of a traceparent header, if it is one. */
    public static Optional<String> traceId(String traceparent) {
        if (traceparent == null || !traceparent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return Optional.empty();
        }
        return Optional.of(traceparent.substring(3, 35));
    }

    /** W3C: all-zero ids are invalid. */
    private static String nonZeroHex(int bytes) {
        byte[] id = new byte[bytes];
        do {
            RANDOM.nextBytes(id);
        } while (allZero(id));
        return HEX.formatHex(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
