package io.jsonmig.testing.poison;

import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A record of the dead-letter topic, as read from the broker. */
public record DeadLetter(String key, byte[] value, List<Header> headers) {

    /** The SmallRye Kafka connector's header: the message of the failure that sent the record here. */
    public static final String REASON = "dead-letter-reason";
    /** The SmallRye Kafka connector's header: the topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";
    /** jsonmig's header: the service that could not read the record. */
    public static final String CONSUMER = io.jsonmig.events.Topics.DEAD_LETTER_CONSUMER_HEADER;

    /** The last value of the header, as text. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.key().equals(name)).reduce((first, second) -> second)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The service that wrote this dead letter. */
    public String consumer() {
        return header(CONSUMER).orElseThrow(() -> new AssertionError("dead letter " + key + " has no " + CONSUMER));
    }

    public String reason() {
        return header(REASON).orElseThrow(() -> new AssertionError("dead letter " + key + " has no " + REASON));
    }
}
