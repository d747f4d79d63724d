package io.jsonmig.cli.start;

import io.jsonmig.cli.kafka.RunEventSender;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Publishes the event that starts a run, keyed by the new migration id. */
@ApplicationScoped
public class MigrationRequests {

    private final RunEventSender sender;
    private final Clock clock = Clock.systemUTC();

    public MigrationRequests(RunEventSender sender) {
        this.sender = sender;
    }

    public EventEnvelope publish(RunSpec spec) {
        return sender.send(EventEnvelope.of(MigrationIds.newId(clock), 1, RunEventSender.PRODUCER, "",
                new MigrationRequested(spec), Instant.now(clock)));
    }

    public String bootstrap() {
        return sender.bootstrap();
    }
}
