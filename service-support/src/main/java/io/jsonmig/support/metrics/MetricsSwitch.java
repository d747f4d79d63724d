package io.jsonmig.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Metrics off at run time (the registry is fixed at build time): every meter is denied and becomes a
 * no-op, which is how the load benchmark compares throughput with and without them.
 */
@Singleton
public class MetricsSwitch {

    @Produces
    @Singleton
    MeterFilter metricsSwitch(MetricsConfig config) {
        boolean enabled = config.enabled();
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return enabled ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
            }
        };
    }
}
