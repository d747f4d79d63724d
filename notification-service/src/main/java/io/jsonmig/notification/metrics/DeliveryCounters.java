package io.jsonmig.notification.metrics;

import io.jsonmig.notification.subscription.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code jsonmig_deliveries_total{channel, outcome}}: delivery attempts per channel that were sent or
 * failed (a failed attempt may be retried; each attempt counts). Every channel's series exist from the
 * start, at 0, so that "deliveries failing" can alert on a rate.
 */
@Startup
@ApplicationScoped
public class DeliveryCounters {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    private final MeterRegistry registry;

    public DeliveryCounters(MeterRegistry registry) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            counter(channel, SENT);
            counter(channel, FAILED);
        }
    }

    public void sent(Channel channel) {
        counter(channel, SENT).increment();
    }

    public void failed(Channel channel) {
        counter(channel, FAILED).increment();
    }

    private Counter counter(Channel channel, String outcome) {
        return Counter.builder("jsonmig.deliveries").description("Notification delivery attempts")
                .tag("channel", channel.wireName()).tag("outcome", outcome).register(registry);
    }
}
