package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.config.CliConfig;
import io.jsonmig.cli.config.JsonmigHome;
import io.jsonmig.cli.testing.TestConfig;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack's settings and what the services get from them, without Quarkus. */
class StackSettingsTest {

    @Test
    void findsEachServiceByNameWithItsPortVariable() {
        StackSettings settings = settings(Map.of("jsonmig.stack.ports.verification-service", "9083"));

        ServiceDefinition verification = settings.service("verification-service");

        assertThat(verification.port()).isEqualTo(9083);
        assertThat(verification.host()).isEqualTo("127.0.0.1");
        assertThat(verification.baseUrl()).isEqualTo("http://127.0.0.1:9083");
        assertThat(verification.jar().toString()).endsWith("/verification-service/target/quarkus-app/quarkus-run.jar");
        assertThat(settings.services()).extracting(ServiceDefinition::portVariable).containsExactly(
                "JSONMIG_BACKUP_PORT", "JSONMIG_MIGRATION_PORT", "JSONMIG_VERIFICATION_PORT", "JSONMIG_NOTIFICATION_PORT");
        assertThatThrownBy(() -> settings.service("billing-service")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no service billing-service");
    }

    @Test
    void anInvalidPortNamesItsVariable() {
        assertThatThrownBy(() -> settings(Map.of("jsonmig.stack.ports.backup-service", "0")).services())
                .isInstanceOf(CliException.class).hasMessageContaining("set JSONMIG_BACKUP_PORT");
    }

    @Test
    void servicesListeningOnEveryInterfaceAreStillReachedOnLoopback() {
        StackSettings settings = settings(Map.of("jsonmig.stack.service-host", "0.0.0.0"));

        assertThat(settings.service("backup-service").host()).isEqualTo("0.0.0.0");
        assertThat(settings.service("backup-service").readinessUrl()).isEqualTo("http://127.0.0.1:8081/q/health/ready");
    }

    @Test
    void theServicesGetTheResolvedDatabasesAndInheritEveryOtherTargetProfile() {
        Map<String, String> values = new HashMap<>(Map.of("jsonmig.db.password", "s3cret",
                "jsonmig.target.demo.url", "jdbc:postgresql://db.example:6543/jsonmig_demo?sslmode=require",
                "jsonmig.home", System.getProperty("java.io.tmpdir")));
        CliConfig config = TestConfig.cliConfig(values);
        StackSettings settings = new StackSettings(config, new JsonmigHome(config));
        ServiceEnvironment environment = new ServiceEnvironment(settings, new ApiCredential(config, settings));

        Map<String, String> env = environment.variables(Map.of("JSONMIG_TARGET_STAGING_URL",
                "jdbc:postgresql://staging/app"));

        assertThat(env).containsEntry("JSONMIG_DB_URL", "jdbc:postgresql://127.0.0.1:5432/jsonmig")
                .containsEntry("JSONMIG_DB_PASSWORD", "s3cret")
                .containsEntry("JSONMIG_TARGET_LOCAL_URL", "jdbc:postgresql://127.0.0.1:5432/jsonmig_local")
                .containsEntry("JSONMIG_TARGET_DEMO_URL", "jdbc:postgresql://db.example:6543/jsonmig_demo?sslmode=require")
                .containsEntry("JSONMIG_VERIFICATION_PUBLIC_URL", "http://127.0.0.1:8083")
                .containsEntry("JSONMIG_API_TOKEN_FILE", settings.layout().apiTokens().toString())
                // the service inherits the caller's environment: no need to copy it
                .doesNotContainKey("JSONMIG_TARGET_STAGING_URL")
                .doesNotContainKey("JSONMIG_TARGET_LOCAL_PASSWORD");
        assertThat(environment.variables(Map.of("JSONMIG_VERIFICATION_PUBLIC_URL", "https://reports.example")))
                .containsEntry("JSONMIG_VERIFICATION_PUBLIC_URL", "https://reports.example");
    }

    static StackSettings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        values.putIfAbsent("jsonmig.home", System.getProperty("java.io.tmpdir"));
        CliConfig config = TestConfig.cliConfig(values);
        return new StackSettings(config, new JsonmigHome(config));
    }
}
