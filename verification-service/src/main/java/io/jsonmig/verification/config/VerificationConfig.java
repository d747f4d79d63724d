package io.jsonmig.verification.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "jsonmig.verification")
public interface VerificationConfig {

    /** Where people and tools reach this service; report links in events start with it. */
    String publicUrl();
}
