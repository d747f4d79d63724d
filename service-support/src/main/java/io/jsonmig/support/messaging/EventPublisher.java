package io.jsonmig.support.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.support.job.JobInterruption;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Publishes events to their topics, keyed by migration id, with CloudEvents attributes as headers.
 * {@link #publish} returns once the broker has acknowledged the record, so a phase announces its end
 * only after its effects are durable and the announcement is too; an id published before is sent with
 * its first content ({@link PublishedEvents}).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<EventEnvelope> emitter;
    private final PublishedEvents published;
    private final Clock clock;
    private final String producer;
    private final Event<EventSent> sent;

    public EventPublisher(@Channel("jsonmig-events") MutinyEmitter<EventEnvelope> emitter, PublishedEvents published,
                          Clock clock, @ConfigProperty(name = "quarkus.application.name") String producer,
                          Event<EventSent> sent) {
        this.emitter = emitter;
        this.published = published;
        this.clock = clock;
        this.producer = producer;
        this.sent = sent;
    }

    /**
     * Publishes a payload as the next event of a run.
     *
     * @param cause the event being handled: gives the migration id and attempt
     * @param step  distinguishes events of one type in one attempt; see {@link EventEnvelope#of}
     */
    public EventEnvelope publish(EventEnvelope cause, String step, EventPayload payload) {
        return send(cause, EventEnvelope.of(cause.migrationId(), cause.attempt(), producer, step, payload,
                Instant.now(clock)));
    }

    /**
     * @throws JobInterruption when the broker did not take the event: the job that publishes it runs
     *                         again later and publishes the same event id, instead of failing its phase
     */
    public EventEnvelope publish(EventEnvelope event) {
        return send(null, event);
    }

    private EventEnvelope send(EventEnvelope cause, EventEnvelope event) {
        EventEnvelope first;
        try {
            first = published.firstOf(event);
            emitter.sendMessageAndAwait(message(first));
        } catch (RuntimeException e) {
            throw JobInterruption.runAgainLater("cannot publish " + event.type().wireName() + " " + event.eventId()
                    + ": " + FailureReason.of(e), e);
        }
        if (first != event) {
            Log.infof("[%s] -> %s again, as first published: %s", first.migrationId(), first.topic(),
                    first.payload().describe());
            sent.fire(new EventSent(cause, first, true));
            return first;
        }
        Log.infof("[%s] -> %s: %s", event.migrationId(), event.topic(), event.payload().describe());
        sent.fire(new EventSent(cause, event, false));
        return event;
    }

    /**
     * Publishes progress without waiting for the broker: progress is for the people watching, not
     * for correctness, and a load must not stop for it every few thousand records. The producer keeps
     * the records of one run in order; a progress event that cannot be sent is logged and lost.
     */
    public void publishProgress(EventEnvelope cause, String step, Progress progress) {
        EventEnvelope event = EventEnvelope.of(cause.migrationId(), cause.attempt(), producer, step, progress,
                Instant.now(clock));
        try {
            emitter.sendMessageAndForget(message(event));
            sent.fire(new EventSent(cause, event, false));
            Log.debugf("[%s] -> %s: %s", event.migrationId(), event.topic(), progress.describe());
        } catch (RuntimeException e) {
            // a full or closed emitter must not stop the phase it reports on
            Log.warnf("[%s] progress not published: %s", event.migrationId(), e.getMessage());
        }
    }

    private static Message<EventEnvelope> message(EventEnvelope event) {
        // The record's span (and its traceparent header) is a child of the span current here, a job's say,
        // whichever thread the connector sends it from.
        return Message.of(event)
                .addMetadata(TracingMetadata.withCurrent(Context.current()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic())
                        .withKey(event.migrationId())
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type().cloudEventType())
                        .withSource(URI.create("urn:jsonmig:" + event.producer()))
                        .withSubject(event.migrationId())
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .build());
    }
}
