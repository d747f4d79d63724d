package io.jsonmig.support.auth;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/**
 * jsonmig.api.*: who may call the service's HTTP API. At least one of the two files must be configured, or the
 * service refuses to start.
 */
@ConfigMapping(prefix = "jsonmig.api")
public interface ApiAuthConfig {

    /** JSONMIG_API_TOKEN_FILE: bearer tokens, one {@code <role> <token>} or {@code <role> sha256:<hex>} a line. */
    Optional<Path> tokenFile();

    /** JSONMIG_API_USERS_FILE: basic users, one {@code <user> <role> pbkdf2-sha256:<iterations>:<salt>:<hash>} a line. */
    Optional<Path> usersFile();
}
