package io.jsonmig.support.paths;

import io.smallrye.config.ConfigMapping;

import java.util.List;

@ConfigMapping(prefix = "jsonmig.paths")
public interface PathsConfig {

    /** Directories under which the application's paths named by an event must lie ({@code JSONMIG_ALLOWED_ROOTS}). */
    List<String> allowedRoots();

    /**
     * jsonmig's own storage (the snapshot root, the reject directory): allowed whatever
     * {@link #allowedRoots()} says, so that setting those to the application's directory never locks
     * jsonmig out of its own snapshots.
     */
    List<String> storageRoots();
}
