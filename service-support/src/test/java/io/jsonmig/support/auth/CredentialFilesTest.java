package io.jsonmig.support.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token and users files: what a line may be, what is kept of it, and errors that never show a secret. */
class CredentialFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsKeptOnlyAsItsDigestWhetherWrittenPlainOrAsSha256() throws IOException {
        String digest = HexFormat.of().formatHex(Sha256.of("second-token"));
        Path file = Files.writeString(dir.resolve("tokens"), "# comment\n\noperator first-token\nviewer sha256:" + digest + "\n");

        List<ApiToken> tokens = CredentialFiles.tokens(file);

        assertThat(tokens).extracting(ApiToken::role).containsExactly("operator", "viewer");
        assertThat(tokens.get(0).digest()).isEqualTo(Sha256.of("first-token"));
        assertThat(tokens.get(1).digest()).isEqualTo(Sha256.of("second-token"));
        assertThat(tokens.get(0).label()).startsWith("token:").doesNotContain("first-token").hasSize(14);
    }

    @Test
    void aBadLineIsNamedByItsNumberWithoutTheSecretOnIt() throws IOException {
        Path unknownRole = Files.writeString(dir.resolve("roles"), "operator ok-token\nadmin very-secret-token\n");
        Path oneField = Files.writeString(dir.resolve("fields"), "lonely-secret-token\n");
        Path shortDigest = Files.writeString(dir.resolve("digest"), "viewer sha256:abcd\n");

        assertThatThrownBy(() -> CredentialFiles.tokens(unknownRole)).hasMessageContaining("line 2")
                .hasMessageContaining("unknown role 'admin'").hasMessageNotContaining("very-secret-token");
        assertThatThrownBy(() -> CredentialFiles.tokens(oneField)).hasMessageContaining("line 1")
                .hasMessageNotContaining("lonely-secret-token");
        assertThatThrownBy(() -> CredentialFiles.tokens(shortDigest)).hasMessageContaining("64 hex digits");
    }

    @Test
    void aUserIsKeptWithItsPbkdf2HashWhichMatchesOnlyItsPassword() throws IOException {
        String hash = PasswordHash.format("s3cret-pass".toCharArray(), "salt-of-16-bytes".getBytes(StandardCharsets.UTF_8),
                10_000);
        Path file = Files.writeString(dir.resolve("users"), "ann viewer " + hash + "\n");

        ApiUser ann = CredentialFiles.users(file).get(0);

        assertThat(ann.name()).isEqualTo("ann");
        assertThat(ann.password().matches("s3cret-pass".toCharArray())).isTrue();
        assertThat(ann.password().matches("s3cret-pas".toCharArray())).isFalse();
    }

    @Test
    void aPasswordHashMadeByPythonsHashlibIsAccepted() {
        // python3 -c "import hashlib,base64; print(base64.b64encode(hashlib.pbkdf2_hmac('sha256', b'test-viewer-password',
        //   b'jsonmig-test-salt', 10000)).decode())" (docs/security.md)
        PasswordHash hash = PasswordHash.parse(
                "pbkdf2-sha256:10000:anNvbm1pZy10ZXN0LXNhbHQ=:2rd7cpe92D3HK1raYYNPn7YajZajKhwPSSR8PT8sySM=");

        assertThat(hash.matches("test-viewer-password".toCharArray())).isTrue();
    }

    @Test
    void aPlainPasswordOrTooFewIterationsIsRefused() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain"), "bob operator hunter2\n");
        Path weak = Files.writeString(dir.resolve("weak"), "bob operator pbkdf2-sha256:1000:c2FsdA==:aGFzaA==\n");

        assertThatThrownBy(() -> CredentialFiles.users(plain)).hasMessageContaining("line 1")
                .hasMessageContaining("pbkdf2-sha256:").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> CredentialFiles.users(weak)).hasMessageContaining("at least 10000 iterations");
    }

    @Test
    void anOperatorAlsoHoldsTheViewersRole() {
        assertThat(ApiRoles.granted("operator")).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(ApiRoles.granted("viewer")).containsExactly("viewer");
    }
}
