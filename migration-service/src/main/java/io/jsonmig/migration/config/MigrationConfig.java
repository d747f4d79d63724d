package io.jsonmig.migration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jsonmig.migration")
public interface MigrationConfig {

    /** Rows between two progress events of a table; every table also gets one when it is complete. */
    @WithDefault("10000")
    long progressEvery();
}
