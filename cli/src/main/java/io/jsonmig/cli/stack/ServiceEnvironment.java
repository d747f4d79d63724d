package io.jsonmig.cli.stack;

import io.jsonmig.cli.config.CliConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every service of the stack gets, on top of the caller's: the broker, the ledger
 * database, the paths it may read, where snapshots go, and the target profiles. Passwords travel
 * only here, never in events or printed output.
 */
@ApplicationScoped
public class ServiceEnvironment {

    private static final String TARGET_PREFIX = "JSONMIG_TARGET_";

    private final StackSettings settings;

    public ServiceEnvironment(StackSettings settings) {
        this.settings = settings;
    }

    public Map<String, String> variables() {
        return variables(System.getenv());
    }

    Map<String, String> variables(Map<String, String> callerEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JSONMIG_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        database(env, "JSONMIG_DB", settings.ledgerConfig());
        env.put("JSONMIG_ALLOWED_ROOTS", String.join(",", settings.allowedRoots()));
        env.put("JSONMIG_SNAPSHOT_ROOT", settings.snapshotRoot().toString());
        callerEnvironment.forEach((name, value) -> {
            if (name.startsWith(TARGET_PREFIX)) {
                env.put(name, value);
            }
        });
        database(env, TARGET_PREFIX + "LOCAL", settings.targets().local());
        database(env, TARGET_PREFIX + "DEMO", settings.targets().demo());
        settings.services().stream().filter(s -> s.name().equals("verification-service")).findFirst()
                .ifPresent(v -> env.put("JSONMIG_VERIFICATION_PUBLIC_URL",
                        callerEnvironment.getOrDefault("JSONMIG_VERIFICATION_PUBLIC_URL", v.baseUrl())));
        return env;
    }

    private static void database(Map<String, String> env, String prefix, CliConfig.Database db) {
        env.put(prefix + "_URL", db.url());
        env.put(prefix + "_USER", db.user());
        db.password().filter(p -> !p.isEmpty()).ifPresent(p -> env.put(prefix + "_PASSWORD", p));
    }
}
