package io.jsonmig.e2e;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.ServiceProcess;
import io.jsonmig.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every packaged service, started as an operator would without any API credential (neither
 * JSONMIG_API_TOKEN_FILE nor JSONMIG_API_USERS_FILE), refuses to start and names the keys that configure one.
 */
class NoCredentialsIT {

    private static Path home;
    private static Path work;
    private static TestDatabases databases;
    private static String ledger;

    @BeforeAll
    static void setUp() throws IOException {
        home = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("jsonmig-no-credentials-");
        databases = new TestDatabases();
        ledger = databases.create("ledger");
    }

    @AfterAll
    static void tearDown() {
        if (databases != null) {
            databases.drop(ledger);
        }
        TestFiles.deleteTree(work);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup-service", "migration-service", "verification-service", "notification-service"})
    void aServiceWithoutCredentialsRefusesToStartNamingTheKeys(String service) throws IOException {
        Map<String, String> env = Map.of(
                "JSONMIG_API_TOKEN_FILE", "",
                "JSONMIG_KAFKA_BOOTSTRAP", KafkaBrokerResource.bootstrapServers(),
                "JSONMIG_DB_URL", databases.url(ledger),
                "JSONMIG_DB_USER", databases.user(),
                "JSONMIG_DB_PASSWORD", databases.password(),
                "JSONMIG_ALLOWED_ROOTS", work.toString(),
                "JSONMIG_SNAPSHOT_ROOT", work.resolve("snapshots").toString());

        Path log = work.resolve(service + ".log");
        assertThatThrownBy(() -> ServiceProcess.start(home.resolve(service + "/target/quarkus-app/quarkus-run.jar"), "256m",
                List.of(), env, LocalKafkaBroker.freePort(), log, Duration.ofMinutes(2)))
                .hasMessageContaining("exited with code");
        assertThat(Files.readString(log)).contains("no API credentials configured",
                "jsonmig.api.token-file (JSONMIG_API_TOKEN_FILE)", "jsonmig.api.users-file (JSONMIG_API_USERS_FILE)");
    }
}
