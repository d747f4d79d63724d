package io.jsonmig.cli.stack;

import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.database.DatabaseLogin;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every service of the stack gets in its environment on top of the caller's, which it inherits
 * (so every {@code JSONMIG_TARGET_<PROFILE>_*} of the caller reaches it): the broker, the ledger
 * database, the paths it may read, where snapshots go, and the two target profiles the stack
 * manages, and the API token file (the stack's, see {@link StackToken}), as this CLI resolved them. Passwords travel only here, never in events or printed output.
 */
@ApplicationScoped
public class ServiceEnvironment {

    private final StackSettings settings;
    private final ApiCredential credential;

    public ServiceEnvironment(StackSettings settings, ApiCredential credential) {
        this.settings = settings;
        this.credential = credential;
    }

    public Map<String, String> variables() {
        return variables(System.getenv());
    }

    Map<String, String> variables(Map<String, String> callerEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JSONMIG_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        database(env, "JSONMIG_DB", settings.ledgerDatabase());
        env.put("JSONMIG_ALLOWED_ROOTS", String.join(",", settings.allowedRoots()));
        env.put("JSONMIG_SNAPSHOT_ROOT", settings.snapshotRoot().toString());
        database(env, "JSONMIG_TARGET_LOCAL", settings.localTarget());
        database(env, "JSONMIG_TARGET_DEMO", settings.demoTarget());
        env.put("JSONMIG_VERIFICATION_PUBLIC_URL", callerEnvironment.getOrDefault("JSONMIG_VERIFICATION_PUBLIC_URL",
                settings.service("verification-service").baseUrl()));
        env.put("JSONMIG_API_TOKEN_FILE", credential.tokenFile().toString());
        return env;
    }

    private static void database(Map<String, String> env, String prefix, DatabaseLogin db) {
        env.put(prefix + "_URL", db.url().url());
        env.put(prefix + "_USER", db.user());
        db.password().filter(p -> !p.isEmpty()).ifPresent(p -> env.put(prefix + "_PASSWORD", p));
    }
}
