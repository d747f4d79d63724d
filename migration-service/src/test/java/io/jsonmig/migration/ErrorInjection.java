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

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes the job of a chosen run and event type throw an {@link Error} at one of its checkpoints, as a value
 * too big for the heap would, or stop at one without reaching another: the real job worker and the real
 * handlers see a real {@link Error} or a real stuck job. Runs not chosen are untouched.
 */
@Decorator
@Priority(1)
class ErrorInjection implements JobHandler {

    private record Fault(EventType type, int atCheckpoint, Supplier<Error> error, CountDownLatch stall) {
    }

    private static final Map<String, Fault> FAULTS = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    @Any
    JobHandler handler;

    /**
     * The job of the run's {@code type} event throws {@code error} at its checkpoint number {@code n} (from 1;
     * 0 as it begins).
     */
    static void failAt(String migrationId, EventType type, int n, Supplier<Error> error) {
        FAULTS.put(migrationId, new Fault(type, n, error, null));
    }

    /** The job of the run's {@code type} event waits at its first checkpoint until {@code released} opens. */
    static void stallAt(String migrationId, EventType type, CountDownLatch released) {
        FAULTS.put(migrationId, new Fault(type, 1, null, released));
    }

    @Override
    public String name() {
        return handler.name();
    }

    @Override
    public void run(EventEnvelope event, Cancellation cancellation) {
        Fault fault = FAULTS.get(event.migrationId());
        if (fault == null || fault.type() != event.type()) {
            handler.run(event, cancellation);
            return;
        }
        if (fault.atCheckpoint() == 0) {
            throw fault.error().get();
        }
        AtomicInteger checkpoints = new AtomicInteger();
        // Every checkpoint of the job goes through the real cancellation (and the worker's watch) first.
        handler.run(event, new Cancellation(() -> {
            cancellation.checkNow();
            if (checkpoints.incrementAndGet() == fault.atCheckpoint()) {
                if (fault.error() != null) {
                    throw fault.error().get();
                }
                awaitRelease(fault.stall());
            }
            return Optional.empty();
        }, Duration.ZERO, Clock.systemUTC()));
    }

    /** A job without a checkpoint meanwhile, as one blocked in a statement that does not return. */
    private static void awaitRelease(CountDownLatch released) {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abandoned(EventEnvelope event, String reason) {
        handler.abandoned(event, reason);
    }
}
