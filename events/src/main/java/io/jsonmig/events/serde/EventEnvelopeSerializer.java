package io.jsonmig.events.serde;

import io.jsonmig.events.EventEnvelope;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link EventEnvelope}. */
public class EventEnvelopeSerializer implements Serializer<EventEnvelope> {

    @Override
    public byte[] serialize(String topic, EventEnvelope event) {
        return event == null ? null : EventJson.toBytes(event);
    }
}
