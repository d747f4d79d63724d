package io.jsonmig.support.metrics;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sees every record of every incoming channel (an interceptor without an identifier applies to all of
 * them): an acknowledged one was consumed; a refused one goes to the dead-letter topic, the failure
 * strategy every jsonmig channel has.
 */
@ApplicationScoped
public class ConsumedEvents implements IncomingInterceptor {

    private static final String INCOMING = "mp.messaging.incoming.";

    private final EventTraffic traffic;

    public ConsumedEvents(EventTraffic traffic) {
        this.traffic = traffic;
    }

    void registerTopics(@Observes StartupEvent start, Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(INCOMING) && (name.endsWith(".topic") || name.endsWith(".topics"))) {
                config.getOptionalValue(name, String.class).ifPresent(topics -> {
                    for (String topic : topics.split(",")) {
                        if (!topic.isBlank()) {
                            traffic.listensTo(topic.strip());
                        }
                    }
                });
            }
        }
    }

    @Override
    public void onMessageAck(Message<?> message) {
        traffic.consumed(topic(message));
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        traffic.deadLettered(topic(message));
    }

    private static String topic(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse(null);
    }
}
