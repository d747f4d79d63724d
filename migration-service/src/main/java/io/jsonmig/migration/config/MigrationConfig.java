package io.jsonmig.migration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jsonmig.migration")
public interface MigrationConfig {

    /** Rows between two progress events of a table; every table also gets one when it is complete. */
    @WithDefault("10000")
    long progressEvery();

    /** Where each run's reject files go, in a directory named after the run. */
    @WithDefault("${user.home}/.jsonmig/rejects")
    String rejectsDir();
}
