package io.jsonmig.support.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** jsonmig.metrics.*: JSONMIG_METRICS_ENABLED=false turns every meter into a no-op (the endpoint stays, empty). */
@ConfigMapping(prefix = "jsonmig.metrics")
public interface MetricsConfig {

    @WithDefault("true")
    boolean enabled();
}
