package io.jsonmig.support.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * The credentials this service accepts, read once at start. A service with none refuses to start: an open API
 * would let anyone restore snapshots over the application's files or read every run.
 */
@Startup
@ApplicationScoped
public class ApiCredentials {

    private static final Logger LOG = Logger.getLogger(ApiCredentials.class);

    private final List<ApiToken> tokens;
    private final List<ApiUser> users;

    public ApiCredentials(ApiAuthConfig config) {
        this.tokens = config.tokenFile().map(CredentialFiles::tokens).orElse(List.of());
        this.users = config.usersFile().map(CredentialFiles::users).orElse(List.of());
        if (tokens.isEmpty() && users.isEmpty()) {
            throw new IllegalStateException("no API credentials configured: set jsonmig.api.token-file"
                    + " (JSONMIG_API_TOKEN_FILE) or jsonmig.api.users-file (JSONMIG_API_USERS_FILE) to a file"
                    + " with at least one credential; see docs/security.md");
        }
        LOG.infof("API credentials: %d bearer token(s), %d basic user(s)", tokens.size(), users.size());
    }

    /** The token whose digest equals the presented token's; every token is compared, in constant time each. */
    public Optional<ApiToken> token(String presented) {
        byte[] digest = Sha256.of(presented);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (Sha256.same(token.digest(), digest) && found == null) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The user of that name whose password matches. */
    public Optional<ApiUser> user(String name, char[] password) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst().filter(u -> u.password().matches(password));
    }
}
