package io.jsonmig.support.logging;

import io.jsonmig.events.EventEnvelope;
import org.jboss.logging.MDC;

import java.util.function.Supplier;

/**
 * The run an event belongs to, in the logging MDC while a thread handles it ({@code migrationId},
 * {@code attempt}): JSON logs carry them as fields (JSONMIG_LOG_FORMAT=json), so a log search finds every
 * line of a run. What was there before is put back, so nested handling keeps the outer run's.
 */
public final class RunContext {

    public static final String MIGRATION_ID = "migrationId";
    public static final String ATTEMPT = "attempt";

    private RunContext() {
    }

    public static void run(EventEnvelope event, Runnable work) {
        call(event, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(EventEnvelope event, Supplier<T> work) {
        Object migrationId = MDC.get(MIGRATION_ID);
        Object attempt = MDC.get(ATTEMPT);
        MDC.put(MIGRATION_ID, event.migrationId());
        MDC.put(ATTEMPT, String.valueOf(event.attempt()));
        try {
            return work.get();
        } finally {
            restore(MIGRATION_ID, migrationId);
            restore(ATTEMPT, attempt);
        }
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
