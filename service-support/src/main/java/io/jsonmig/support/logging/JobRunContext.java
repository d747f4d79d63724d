package io.jsonmig.support.logging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/** Every job handler runs with its run in the MDC: the job workers' threads serve every run in turn. */
@Decorator
@Priority(10)
public class JobRunContext implements JobHandler {

    @Inject
    @Delegate
    JobHandler handler;

    @Override
    public String name() {
        return handler.name();
    }

    @Override
    public void run(EventEnvelope event, Cancellation cancellation) {
        RunContext.run(event, () -> handler.run(event, cancellation));
    }

    @Override
    public void abandoned(EventEnvelope event, String reason) {
        RunContext.run(event, () -> handler.abandoned(event, reason));
    }
}
