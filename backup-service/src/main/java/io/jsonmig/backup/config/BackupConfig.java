package io.jsonmig.backup.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

@ConfigMapping(prefix = "jsonmig.backup")
public interface BackupConfig {

    /** Directory holding one sub-directory per snapshot (created 0700). */
    Path snapshotRoot();
}
