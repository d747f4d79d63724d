package io.jsonmig.support.paths;

import io.smallrye.config.ConfigMapping;

import java.util.List;

@ConfigMapping(prefix = "jsonmig.paths")
public interface PathsConfig {

    /** Directories under which every path named by an event must lie. */
    List<String> allowedRoots();
}
