package io.jsonmig.cli.kafka;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.CliConfig;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.serde.EventEnvelopeSerializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Plain Kafka clients for the configured broker, each failing within {@code jsonmig.kafka.timeout}. */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrap;
    private final Duration timeout;

    @Inject
    public KafkaClients(CliConfig config) {
        this(config.kafka().bootstrap(), config.kafka().timeout());
    }

    public KafkaClients(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Waits for the broker's acknowledgement from every in-sync replica. */
    public KafkaProducer<String, EventEnvelope> eventProducer() {
        Map<String, Object> props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1000);
        return create(() -> new KafkaProducer<>(props, new StringSerializer(), new EventEnvelopeSerializer()));
    }

    /** Reads raw records, without a consumer group: the caller assigns partitions and seeks. */
    public Consumer<String, byte[]> recordReader() {
        Map<String, Object> props = common();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return create(() -> new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    public Admin admin() {
        Map<String, Object> props = common();
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return create(() -> Admin.create(props));
    }

    /**
     * Whether the cluster answers a metadata request (describeCluster) within {@code wait}: a real
     * look at the broker, not just at an open port.
     */
    public boolean answers(Duration wait) {
        Map<String, Object> props = common();
        int millis = (int) Math.max(1, wait.toMillis());
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(millis, 10_000));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) Math.min(millis, 10_000));
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            return false; // e.g. no bootstrap address resolves
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** The message for a broker that did not answer in time. */
    public CliException unreachable(Throwable cause) {
        return new CliException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + "s ("
                + cause.getMessage() + "); is the broker running? ('jsonmig stack up' starts one, "
                + "JSONMIG_KAFKA_BOOTSTRAP names another)", cause);
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "jsonmig-cli");
        return props;
    }

    private <T> T create(Supplier<T> client) {
        try {
            return client.get();
        } catch (KafkaException e) {
            throw new CliException("invalid Kafka settings for " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
