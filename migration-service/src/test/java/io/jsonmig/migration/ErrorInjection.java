package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the jobs of chosen runs throw an {@link OutOfMemoryError} when they begin, as a value too big
 * for the heap would: the real job worker and the real handlers see a real {@link Error}.
 */
@Decorator
@Priority(1)
class ErrorInjection implements JobHandler {

    private static final Set<String> POISONED = ConcurrentHashMap.newKeySet();

    @Inject
    @Delegate
    @Any
    JobHandler handler;

    /** The migration job of this run throws {@code OutOfMemoryError: Java heap space}. */
    static void poison(String migrationId) {
        POISONED.add(migrationId);
    }

    @Override
    public String name() {
        return handler.name();
    }

    @Override
    public void run(EventEnvelope event, Cancellation cancellation) {
        if (POISONED.contains(event.migrationId()) && event.type() == EventType.BACKUP_COMPLETED) {
            throw new OutOfMemoryError("Java heap space");
        }
        handler.run(event, cancellation);
    }

    @Override
    public void abandoned(EventEnvelope event, String reason) {
        handler.abandoned(event, reason);
    }
}
