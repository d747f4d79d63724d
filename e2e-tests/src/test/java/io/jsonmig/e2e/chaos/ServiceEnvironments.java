package io.jsonmig.e2e.chaos;

import io.jsonmig.testing.PostgresResource.TestDatabases;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each service of a chaos run gets, as {@code jsonmig stack} gives it: the broker, the run's
 * own ledger database, the target profile {@code chaos}, the paths it may use (all under the run's
 * directory), and the Kafka settings that let the broker notice a killed consumer within seconds.
 */
final class ServiceEnvironments {

    static final String PROFILE = "chaos";
    /** Smaller than the default chunk, so that a killed or cut-off load has checkpoints to go on after. */
    static final int CHUNK_RECORDS = 5_000;
    /** Progress events every this many rows: the grain of the mid-load triggers. */
    static final int PROGRESS_EVERY = 2_000;

    /**
     * The broker drops a consumer that stopped heart-beating after 10 s instead of 45 s. System
     * properties: the connector reads its attributes by name, which an environment variable does
     * not spell unambiguously ({@code smallrye-kafka}).
     */
    static final List<String> JAVA_OPTIONS = List.of(
            "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=10000",
            "-Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=3000");

    private ServiceEnvironments() {
    }

    static Map<String, String> of(ChaosService service, String bootstrap, TestDatabases databases, String ledger,
                                  String target, Path work, Path runDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JSONMIG_KAFKA_BOOTSTRAP", bootstrap);
        env.put("JSONMIG_DB_URL", databases.url(ledger));
        env.put("JSONMIG_DB_USER", databases.user());
        env.put("JSONMIG_DB_PASSWORD", databases.password());
        env.put("JSONMIG_ALLOWED_ROOTS", work.toString());
        env.put("JSONMIG_SNAPSHOT_ROOT", runDir.resolve("snapshots").toString());
        String prefix = "JSONMIG_TARGET_" + PROFILE.toUpperCase(java.util.Locale.ROOT) + "_";
        env.put(prefix + "URL", databases.url(target));
        env.put(prefix + "USER", databases.user());
        env.put(prefix + "PASSWORD", databases.password());
        switch (service) {
            case MIGRATION -> {
                env.put("JSONMIG_REJECTS_DIR", runDir.resolve("rejects").toString());
                env.put("JSONMIG_MIGRATION_CHUNK_RECORDS", Integer.toString(CHUNK_RECORDS));
                env.put("JSONMIG_PROGRESS_EVERY", Integer.toString(PROGRESS_EVERY));
            }
            default -> {
            }
        }
        return env;
    }
}
