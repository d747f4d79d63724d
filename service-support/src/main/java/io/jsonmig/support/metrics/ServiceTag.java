package io.jsonmig.support.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Every meter of a service carries {@code service} (its application name), so that one Prometheus query
 * over the four services tells them apart without relabelling in the scrape configuration.
 */
@Singleton
public class ServiceTag {

    public static final String NAME = "service";

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(List.of(Tag.of(NAME, service)));
    }
}
