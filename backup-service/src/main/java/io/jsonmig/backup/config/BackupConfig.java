package io.jsonmig.backup.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "jsonmig.backup")
public interface BackupConfig {

    /** Directory holding one sub-directory per snapshot (created 0700). */
    Path snapshotRoot();

    /** Free space the snapshot root must keep beyond the size of the source, e.g. {@code 100M}. */
    @WithDefault("100M")
    MemorySize freeSpaceMargin();

    /** How many times the whole snapshot is taken again when a source file changed while it was copied. */
    @WithDefault("3")
    int copyRetries();

    /** Pause before taking the snapshot again, to let the application finish its write. */
    @WithDefault("2S")
    Duration retryPause();

    Retention retention();

    interface Retention {

        /** Snapshots kept per source directory; older ones go once their run has finished. */
        @WithDefault("5")
        int keep();
    }
}
