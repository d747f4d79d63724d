package io.jsonmig.cli.config;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.stack.StackSettings;
import io.jsonmig.cli.testing.TestConfig;
import io.jsonmig.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which token the CLI sends: the variable, else the file's (alone or the operator's line), else the stack's. */
class ApiCredentialTest {

    private final Path dir = createDir();

    @AfterEach
    void cleanUp() {
        TestFiles.deleteTree(dir);
    }

    @Test
    void theVariableWinsOverTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "from-the-file\n");

        assertThat(credential(Map.of("jsonmig.api.token", " from-the-variable ", "jsonmig.api.token-file", file.toString()))
                .authorization()).hasValue("Bearer from-the-variable");
    }

    @Test
    void aFileHoldsTheTokenAloneOrTheServicesRoleLinesOfWhichTheOperatorsIsSent() throws IOException {
        Path alone = Files.writeString(dir.resolve("alone"), "# mine\n\nabc123\n");
        Path lines = Files.writeString(dir.resolve("lines"), "viewer v-token\noperator o-token\n");
        Path viewerOnly = Files.writeString(dir.resolve("viewer"), "viewer v-token\n");

        assertThat(credential(Map.of("jsonmig.api.token-file", alone.toString())).authorization()).hasValue("Bearer abc123");
        assertThat(credential(Map.of("jsonmig.api.token-file", lines.toString())).authorization()).hasValue("Bearer o-token");
        assertThat(credential(Map.of("jsonmig.api.token-file", viewerOnly.toString())).authorization())
                .hasValue("Bearer v-token");
    }

    @Test
    void aFileOfDigestsOnlyOrAMissingFileIsAnErrorThatNamesTheFileNotAToken() throws IOException {
        Path digests = Files.writeString(dir.resolve("digests"), "operator sha256:" + "ab".repeat(32) + "\n");

        assertThatThrownBy(() -> credential(Map.of("jsonmig.api.token-file", digests.toString())).authorization())
                .isInstanceOf(CliException.class).hasMessageContaining(digests.toString())
                .hasMessageContaining("no usable token").hasMessageNotContaining("abab");
        assertThatThrownBy(() -> credential(Map.of("jsonmig.api.token-file", dir.resolve("none").toString())).authorization())
                .isInstanceOf(CliException.class).hasMessageContaining("JSONMIG_API_TOKEN_FILE");
    }

    @Test
    void withNothingConfiguredTheLocalStacksTokenIsSentIfItHasOne() throws IOException {
        ApiCredential credential = credential(Map.of("jsonmig.stack.dir", dir.toString()));
        assertThat(credential.tokenFile()).isEqualTo(dir.resolve("api-tokens"));
        assertThat(credential.authorization()).isEmpty();

        Files.writeString(dir.resolve("api-tokens"), "operator stack-token\n");
        assertThat(credential.authorization()).hasValue("Bearer stack-token");
    }

    private ApiCredential credential(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        values.putIfAbsent("jsonmig.home", dir.toString());
        CliConfig config = TestConfig.cliConfig(values);
        return new ApiCredential(config, new StackSettings(config, new JsonmigHome(config)));
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("jsonmig-cli-credential-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
