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
 * {@code plan} with a token file ({@code JSONMIG_API_TOKEN_FILE}) in the services' format: the CLI sends the
 * operator's token as {@code Authorization: Bearer} and the peer that requires it answers; the token is not printed.
 */
@QuarkusMainTest
@TestProfile(PlanWithApiTokenTest.WithTokenFile.class)
class PlanWithApiTokenTest {

    public static class WithTokenFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("jsonmig-cli-tokens-", "");
                file.toFile().deleteOnExit();
                Files.writeString(file, "# tokens\nviewer some-viewer-token\noperator " + TokenCheckingPlanService.TOKEN + "\n");
                return Map.of("jsonmig.stack.service-host", "127.0.0.1",
                        "jsonmig.stack.ports.migration-service", String.valueOf(TokenCheckingPlanService.port()),
                        "jsonmig.api.token-file", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void sendsTheOperatorTokenOfTheFile(QuarkusMainLauncher launcher) throws IOException {
        Path source = Files.createTempDirectory("jsonmig-cli-token-source-");

        LaunchResult result = launcher.launch("plan", "--source", source.toString(), "--target", "complete", "--json");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        assertThat(TokenCheckingPlanService.LAST_AUTHORIZATION.get()).isEqualTo("Bearer " + TokenCheckingPlanService.TOKEN);
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(TokenCheckingPlanService.TOKEN);
        Files.delete(source);
    }
}
