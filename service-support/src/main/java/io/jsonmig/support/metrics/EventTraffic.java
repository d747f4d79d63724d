package io.jsonmig.support.metrics;

import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Events per topic: published by this service, consumed by it, and sent to the dead-letter topic
 * because its handler refused them ({@code jsonmig_events_published_total},
 * {@code jsonmig_events_consumed_total}, {@code jsonmig_events_dead_lettered_total}).
 */
@ApplicationScoped
public class EventTraffic {

    public static final String PUBLISHED = "jsonmig.events.published";
    public static final String CONSUMED = "jsonmig.events.consumed";
    public static final String DEAD_LETTERED = "jsonmig.events.dead.lettered";

    private final MeterRegistry registry;

    public EventTraffic(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(@Observes EventSent sent) {
        counter(PUBLISHED, sent.event().topic(), "Events this service published (the broker took them)").increment();
    }

    public void consumed(String topic) {
        counter(CONSUMED, topic, "Events this service handled and acknowledged").increment();
    }

    public void deadLettered(String topic) {
        counter(DEAD_LETTERED, topic, "Records this service could not handle, sent to the dead-letter topic")
                .increment();
    }

    /** A topic this service listens to has its series from the start, at 0, so rates and alerts see them. */
    public void listensTo(String topic) {
        counter(CONSUMED, topic, "Events this service handled and acknowledged");
        counter(DEAD_LETTERED, topic, "Records this service could not handle, sent to the dead-letter topic");
    }

    private Counter counter(String name, String topic, String description) {
        return Counter.builder(name).description(description).tag("topic", topic == null ? "unknown" : topic)
                .register(registry);
    }
}
