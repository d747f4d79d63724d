package io.jsonmig.events.serde;

import io.jsonmig.events.EventEnvelope;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link EventEnvelope}. Throws {@link InvalidEventException} for a
 * record that is not a valid event of its topic, so the consumer can route it to the dead-letter topic.
 */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope> {

    @Override
    public EventEnvelope deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.fromRecord(topic, data);
    }
}
