package io.jsonmig.support.messaging;

import io.jsonmig.events.Topics;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The interceptor of every service's dead-letter producer: each dead letter gets a
 * {@link Topics#DEAD_LETTER_CONSUMER_HEADER} header naming this service (its application name). On the producer,
 * because it sees every dead letter, those of records that could not even be deserialized included, which the
 * connector sends before any incoming interceptor sees them.
 */
public class DeadLetterConsumerHeader implements ProducerInterceptor<Object, Object> {

    private byte[] consumer = "unknown".getBytes(StandardCharsets.UTF_8);

    @Override
    public void configure(Map<String, ?> configs) {
        ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .ifPresent(name -> consumer = name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        record.headers().remove(Topics.DEAD_LETTER_CONSUMER_HEADER);
        record.headers().add(Topics.DEAD_LETTER_CONSUMER_HEADER, consumer);
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // nothing to do: the header is on the record
    }

    @Override
    public void close() {
        // nothing held
    }
}
