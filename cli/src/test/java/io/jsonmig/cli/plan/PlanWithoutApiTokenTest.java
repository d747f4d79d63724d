package io.jsonmig.cli.plan;

import io.jsonmig.cli.ExitCodes;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} with no token configured and no local stack token: the CLI sends no credential, the peer refuses
 * with 401, and the CLI says so with the service's error and how to configure a token.
 */
@QuarkusMainTest
@TestProfile(PlanWithoutApiTokenTest.WithoutToken.class)
class PlanWithoutApiTokenTest {

    public static class WithoutToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path emptyStack = Files.createTempDirectory("jsonmig-cli-no-stack-");
                emptyStack.toFile().deleteOnExit();
                return Map.of("jsonmig.stack.service-host", "127.0.0.1",
                        "jsonmig.stack.ports.migration-service", String.valueOf(TokenCheckingPlanService.port()),
                        "jsonmig.stack.dir", emptyStack.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void sendsNoCredentialAndNamesTheRefusalAndTheFix(QuarkusMainLauncher launcher) throws IOException {
        Path source = Files.createTempDirectory("jsonmig-cli-token-source-");

        LaunchResult result = launcher.launch("plan", "--source", source.toString(), "--target", "complete");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(TokenCheckingPlanService.LAST_AUTHORIZATION.get()).isEmpty();
        assertThat(result.getErrorOutput()).contains("HTTP 401", "authentication required", "JSONMIG_API_TOKEN",
                "./jsonmig stack up");
        Files.delete(source);
    }
}
